import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../../shared/models.ts';
import { NATIVE_LIMITS, WEB_SEARCH_USD } from '../../../../shared/veniceFacts.ts';
import { formatUsd } from '../../lib/format.ts';
import { describedBy, FieldNotes } from './FieldNotes.tsx';
import type { FieldMessage } from './fieldMessages.ts';
import type { AdvancedValues } from './formValues.ts';

interface Props {
  model: ModelInfo | undefined;
  values: AdvancedValues;
  messages: readonly FieldMessage[];
  onChange: (patch: Partial<AdvancedValues>) => void;
}

/** LoRA strength, web search and the prompt-thinking switch: each shown only for a model that uses it. */
export function NativeExtras({ model, values, messages, onChange }: Props) {
  const { t, i18n } = useTranslation();
  if (!model?.usesLora && !model?.supportsWebSearch && !model?.supportsPromptThinking) return null;
  return (
    <>
      {model.usesLora && (
        <div className="field">
          <label className="field__label" htmlFor="lora-input">
            {t('advanced.loraStrength')}
          </label>
          <input
            id="lora-input"
            className="input"
            type="number"
            data-testid="lora-input"
            min={0}
            max={NATIVE_LIMITS.loraStrengthMax}
            step={1}
            value={values.loraStrength}
            placeholder={t('advanced.modelDefault')}
            onChange={(e) => onChange({ loraStrength: e.target.value })}
            {...describedBy(messages, 'loraStrength')}
          />
          <p className="field__help">{t('advanced.loraStrengthHelp', { max: NATIVE_LIMITS.loraStrengthMax })}</p>
          <FieldNotes messages={messages} field="loraStrength" />
        </div>
      )}
      {(model.supportsWebSearch || model.supportsPromptThinking) && (
        <div className="field field--wide checks">
          {model.supportsWebSearch && (
            <label className="check">
              <input type="checkbox" data-testid="web-search-toggle" checked={values.enableWebSearch} onChange={(e) => onChange({ enableWebSearch: e.target.checked })} />
              <span>
                <span className="check__label">{t('advanced.webSearch')}</span>
                <span className="check__help">{t('advanced.webSearchHelp', { price: formatUsd(WEB_SEARCH_USD, i18n.language) })}</span>
              </span>
            </label>
          )}
          {model.supportsPromptThinking && (
            <label className="check">
              <input
                type="checkbox"
                data-testid="prompt-thinking-toggle"
                checked={values.disablePromptThinking}
                onChange={(e) => onChange({ disablePromptThinking: e.target.checked })}
              />
              <span>
                <span className="check__label">{t('advanced.promptThinking')}</span>
                <span className="check__help">{t('advanced.promptThinkingHelp')}</span>
              </span>
            </label>
          )}
        </div>
      )}
    </>
  );
}

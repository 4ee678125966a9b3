import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../../shared/models.ts';
import { NATIVE_LIMITS, WEB_SEARCH_USD } from '../../../../shared/veniceFacts.ts';
import { formatUsd } from '../../lib/format.ts';
import { CheckField } from '../../ui/CheckField.tsx';
import type { FieldMessage } from './fieldMessages.ts';
import type { AdvancedValues } from './formValues.ts';
import { NumberField } from './NumberField.tsx';

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
        <NumberField
          id="lora-input"
          field="loraStrength"
          label={t('advanced.loraStrength')}
          help={t('advanced.loraStrengthHelp', { max: NATIVE_LIMITS.loraStrengthMax })}
          min={0}
          max={NATIVE_LIMITS.loraStrengthMax}
          step={1}
          value={values.loraStrength}
          placeholder={t('advanced.modelDefault')}
          messages={messages}
          onChange={(loraStrength) => onChange({ loraStrength })}
        />
      )}
      {(model.supportsWebSearch || model.supportsPromptThinking) && (
        <div className="field field--wide checks">
          {model.supportsWebSearch && (
            <CheckField
              testId="web-search-toggle"
              checked={values.enableWebSearch}
              onChange={(enableWebSearch) => onChange({ enableWebSearch })}
              label={t('advanced.webSearch')}
              help={t('advanced.webSearchHelp', { price: formatUsd(WEB_SEARCH_USD, i18n.language) })}
            />
          )}
          {model.supportsPromptThinking && (
            <CheckField
              testId="prompt-thinking-toggle"
              checked={values.disablePromptThinking}
              onChange={(disablePromptThinking) => onChange({ disablePromptThinking })}
              label={t('advanced.promptThinking')}
              help={t('advanced.promptThinkingHelp')}
            />
          )}
        </div>
      )}
    </>
  );
}

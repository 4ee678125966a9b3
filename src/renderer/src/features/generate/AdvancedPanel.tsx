import { useTranslation } from 'react-i18next';
import { NATIVE_LIMITS } from '../../../../shared/veniceFacts.ts';
import type { BuiltRequest } from './buildRequest.ts';
import type { FieldMessage } from './fieldMessages.ts';
import type { AdvancedValues } from './formValues.ts';
import type { CatalogState } from './useCatalog.ts';
import { describedBy, FieldNotes } from './FieldNotes.tsx';
import { FormatSelect } from './FormatSelect.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { NativeExtras } from './NativeExtras.tsx';
import { ReferenceImages } from './ReferenceImages.tsx';
import { SeedField } from './SeedField.tsx';
import { SizingFields } from './SizingFields.tsx';

interface Props {
  catalogState: CatalogState;
  values: AdvancedValues;
  built: BuiltRequest;
  messages: readonly FieldMessage[];
  onChange: (values: AdvancedValues) => void;
}

const VARIANT_COUNTS = Array.from({ length: NATIVE_LIMITS.variantsMax }, (_, i) => i + 1);

/** Every option of Venice's native route; fields the chosen model ignores are not shown at all. */
export function AdvancedPanel({ catalogState, values, built, messages, onChange }: Props) {
  const { t } = useTranslation();
  const model = built.model;
  const set = (patch: Partial<AdvancedValues>) => onChange({ ...values, ...patch });
  const styles = catalogState.catalog?.styles ?? [];

  return (
    <div className="options" data-testid="advanced-panel">
      <ModelPicker catalogState={catalogState} value={values.model} onChange={(id) => set({ model: id })} />

      {model?.supportsNegativePrompt && (
        <div className="field field--wide">
          <label className="field__label" htmlFor="negative-prompt-input">
            {t('advanced.negativePrompt')}
          </label>
          <textarea
            id="negative-prompt-input"
            className="textarea textarea--short"
            data-testid="negative-prompt-input"
            dir="auto"
            rows={2}
            value={values.negativePrompt}
            placeholder={t('advanced.negativePlaceholder')}
            onChange={(e) => set({ negativePrompt: e.target.value })}
            {...describedBy(messages, 'negativePrompt')}
          />
          <FieldNotes messages={messages} field="negativePrompt" />
        </div>
      )}

      <SizingFields model={model} values={values} built={built} messages={messages} onChange={set} />

      <SeedField locked={values.seedLocked} seed={values.seed} messages={messages} onChange={set} />
      <div className="field">
        <label className="field__label" htmlFor="variants-select">
          {t('advanced.variants')}
        </label>
        <select
          id="variants-select"
          className="select"
          data-testid="variants-select"
          value={values.variants}
          onChange={(e) => set({ variants: Number(e.target.value) })}
        >
          {VARIANT_COUNTS.map((n) => (
            <option key={n} value={n}>
              {t('advanced.variantCount', { count: n })}
            </option>
          ))}
        </select>
      </div>

      {model?.usesSteps && (
        <div className="field">
          <label className="field__label" htmlFor="steps-input">
            {t('advanced.steps')}
          </label>
          <input
            id="steps-input"
            className="input"
            type="number"
            data-testid="steps-input"
            min={1}
            max={model.constraints.steps.max}
            step={1}
            value={values.steps}
            placeholder={String(model.constraints.steps.default)}
            onChange={(e) => set({ steps: e.target.value })}
            {...describedBy(messages, 'steps')}
          />
          <p className="field__help">{t('advanced.stepsHelp', { default: model.constraints.steps.default, max: model.constraints.steps.max })}</p>
          <FieldNotes messages={messages} field="steps" />
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="cfg-input">
          {t('advanced.cfgScale')}
        </label>
        <input
          id="cfg-input"
          className="input"
          type="number"
          data-testid="cfg-input"
          min={0.5}
          max={NATIVE_LIMITS.cfgMax}
          step={0.5}
          value={values.cfgScale}
          placeholder={t('advanced.modelDefault')}
          onChange={(e) => set({ cfgScale: e.target.value })}
          {...describedBy(messages, 'cfgScale')}
        />
        <p className="field__help">{t('advanced.cfgHelp', { max: NATIVE_LIMITS.cfgMax })}</p>
        <FieldNotes messages={messages} field="cfgScale" />
      </div>

      <div className="field">
        <label className="field__label" htmlFor="style-select">
          {t('advanced.style')}
        </label>
        <select id="style-select" className="select" data-testid="style-select" value={values.stylePreset} onChange={(e) => set({ stylePreset: e.target.value })}>
          <option value="">{t('advanced.styleNone')}</option>
          {styles.map((style) => (
            <option key={style} value={style}>
              {style}
            </option>
          ))}
          {values.stylePreset !== '' && !styles.includes(values.stylePreset) && <option value={values.stylePreset}>{values.stylePreset}</option>}
        </select>
      </div>
      <FormatSelect value={values.format} onChange={(format) => set({ format })} />
      <NativeExtras model={model} values={values} messages={messages} onChange={set} />
      <ReferenceImages model={model} models={catalogState.catalog?.models ?? []} values={values} messages={messages} onChange={set} />

      <div className="field field--wide checks">
        <label className="check">
          <input type="checkbox" data-testid="safe-mode-toggle" checked={values.safeMode} onChange={(e) => set({ safeMode: e.target.checked })} />
          <span>
            <span className="check__label">{t('advanced.safeMode')}</span>
            <span className="check__help">{t('advanced.safeModeHelp')}</span>
          </span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="hide-watermark-toggle"
            checked={values.hideWatermark}
            onChange={(e) => set({ hideWatermark: e.target.checked })}
          />
          <span>
            <span className="check__label">{t('advanced.hideWatermark')}</span>
            <span className="check__help">{t('advanced.hideWatermarkHelp')}</span>
          </span>
        </label>
      </div>
    </div>
  );
}

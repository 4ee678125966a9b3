import { useTranslation } from 'react-i18next';
import { NATIVE_LIMITS } from '../../../../shared/veniceFacts.ts';
import { CheckField } from '../../ui/CheckField.tsx';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import type { BuiltRequest } from './buildRequest.ts';
import type { FieldMessage } from './fieldMessages.ts';
import type { AdvancedValues } from './formValues.ts';
import type { CatalogState } from './useCatalog.ts';
import { describedBy, FieldNotes } from './FieldNotes.tsx';
import { FormatSelect } from './FormatSelect.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { NativeExtras } from './NativeExtras.tsx';
import { NumberField } from './NumberField.tsx';
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

interface FieldsProps {
  values: AdvancedValues;
  messages: readonly FieldMessage[];
  onChange: (patch: Partial<AdvancedValues>) => void;
}

const VARIANT_COUNTS = Array.from({ length: NATIVE_LIMITS.variantsMax }, (_, i) => i + 1);

function NegativePromptField({ values, messages, onChange }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <Field id="negative-prompt-input" label={t('advanced.negativePrompt')} className="field--wide">
      <textarea
        id="negative-prompt-input"
        className="textarea textarea--short"
        data-testid="negative-prompt-input"
        dir="auto"
        rows={2}
        value={values.negativePrompt}
        placeholder={t('advanced.negativePlaceholder')}
        onChange={(e) => onChange({ negativePrompt: e.target.value })}
        {...describedBy(messages, 'negativePrompt')}
      />
      <FieldNotes messages={messages} field="negativePrompt" />
    </Field>
  );
}

/** Venice's style presets; one saved with the form that the catalogue no longer lists stays shown. */
function StyleSelect({ styles, value, onChange }: { styles: readonly string[]; value: string; onChange: (style: string) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      id="style-select"
      label={t('advanced.style')}
      value={value}
      options={[{ value: '', label: t('advanced.styleNone') }, ...styles.map((style) => ({ value: style, label: style }))]}
      unlisted={(style) => style}
      onChange={onChange}
    />
  );
}

/** Every option of Venice's native route; fields the chosen model ignores are not shown at all. */
export function AdvancedPanel({ catalogState, values, built, messages, onChange }: Props) {
  const { t } = useTranslation();
  const model = built.model;
  const set = (patch: Partial<AdvancedValues>) => onChange({ ...values, ...patch });

  return (
    <div className="options" data-testid="advanced-panel">
      <ModelPicker catalogState={catalogState} value={values.model} onChange={(id) => set({ model: id })} />
      {model?.supportsNegativePrompt && <NegativePromptField values={values} messages={messages} onChange={set} />}
      <SizingFields model={model} values={values} built={built} messages={messages} onChange={set} />
      <SeedField locked={values.seedLocked} seed={values.seed} messages={messages} onChange={set} />
      <SelectField
        id="variants-select"
        label={t('advanced.variants')}
        value={values.variants}
        options={VARIANT_COUNTS.map((n) => ({ value: n, label: t('advanced.variantCount', { count: n }) }))}
        onChange={(variants) => set({ variants })}
      />
      {model?.usesSteps && (
        <NumberField
          id="steps-input"
          field="steps"
          label={t('advanced.steps')}
          help={t('advanced.stepsHelp', { default: model.constraints.steps.default, max: model.constraints.steps.max })}
          min={1}
          max={model.constraints.steps.max}
          step={1}
          value={values.steps}
          placeholder={String(model.constraints.steps.default)}
          messages={messages}
          onChange={(steps) => set({ steps })}
        />
      )}
      <NumberField
        id="cfg-input"
        field="cfgScale"
        label={t('advanced.cfgScale')}
        help={t('advanced.cfgHelp', { max: NATIVE_LIMITS.cfgMax })}
        min={0.5}
        max={NATIVE_LIMITS.cfgMax}
        step={0.5}
        value={values.cfgScale}
        placeholder={t('advanced.modelDefault')}
        messages={messages}
        onChange={(cfgScale) => set({ cfgScale })}
      />
      <StyleSelect styles={catalogState.catalog?.styles ?? []} value={values.stylePreset} onChange={(stylePreset) => set({ stylePreset })} />
      <FormatSelect value={values.format} onChange={(format) => set({ format })} />
      <NativeExtras model={model} values={values} messages={messages} onChange={set} />
      <ReferenceImages model={model} models={catalogState.catalog?.models ?? []} values={values} messages={messages} onChange={set} />
      <div className="field field--wide checks">
        <CheckField testId="safe-mode-toggle" checked={values.safeMode} onChange={(safeMode) => set({ safeMode })} label={t('advanced.safeMode')} help={t('advanced.safeModeHelp')} />
        <CheckField
          testId="hide-watermark-toggle"
          checked={values.hideWatermark}
          onChange={(hideWatermark) => set({ hideWatermark })}
          label={t('advanced.hideWatermark')}
          help={t('advanced.hideWatermarkHelp')}
        />
      </div>
    </div>
  );
}

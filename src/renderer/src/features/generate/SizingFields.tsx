import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../../shared/models.ts';
import { priceFor } from '../../../../shared/pricing.ts';
import { NATIVE_LIMITS } from '../../../../shared/veniceFacts.ts';
import { formatUsd } from '../../lib/format.ts';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { maxEdge, snapEdgeText } from './adaptToModel.ts';
import { type BuiltRequest, isQuality, type Quality } from './buildRequest.ts';
import type { FieldMessage } from './fieldMessages.ts';
import type { AdvancedValues } from './formValues.ts';
import { describedBy, FieldNotes } from './FieldNotes.tsx';

interface Props {
  model: ModelInfo | undefined;
  values: AdvancedValues;
  built: BuiltRequest;
  messages: readonly FieldMessage[];
  onChange: (patch: Partial<AdvancedValues>) => void;
}

interface EdgeProps {
  field: 'width' | 'height';
  divisor: number;
  value: string;
  messages: readonly FieldMessage[];
  onChange: (patch: Partial<AdvancedValues>) => void;
}

/** Width or height in pixels, a multiple of the model's divisor. */
function EdgeField({ field, divisor, value, messages, onChange }: EdgeProps) {
  const { t } = useTranslation();
  return (
    <Field id={`${field}-input`} label={t(`advanced.${field}`)}>
      <input
        id={`${field}-input`}
        className="input"
        type="number"
        data-testid={`${field}-input`}
        min={divisor}
        max={maxEdge(divisor)}
        step={divisor}
        value={value}
        onChange={(e) => onChange({ [field]: e.target.value })}
        // Snapping while typing would fight the cursor; on leaving the field the value moves to the nearest valid size.
        onBlur={(e) => onChange({ [field]: snapEdgeText(e.target.value, divisor) })}
        {...describedBy(messages, field)}
      />
      <FieldNotes messages={messages} field={field} />
    </Field>
  );
}

/** A pixel model (or none chosen yet): width × height. */
function PixelSizeFields({ model, values, messages, onChange }: Omit<Props, 'built'>) {
  const { t } = useTranslation();
  const divisor = model?.constraints.widthHeightDivisor ?? 1;
  return (
    <>
      <EdgeField field="width" divisor={divisor} value={values.width} messages={messages} onChange={onChange} />
      <EdgeField field="height" divisor={divisor} value={values.height} messages={messages} onChange={onChange} />
      <p className="field__help field--wide options__help" data-testid="size-help">
        {t('advanced.sizeHelp', { divisor, max: Math.min(NATIVE_LIMITS.maxPixelEdge, maxEdge(divisor)) })}
      </p>
    </>
  );
}

/** What one image costs with this tier chosen, for the option's label ('' when the price is unknown). */
const useTierPrice = (model: ModelInfo, built: BuiltRequest) => {
  const { i18n } = useTranslation();
  return (patch: { resolution?: string; quality?: Quality }): string => {
    if (built.request.endpoint !== 'native') return '';
    const price = priceFor(model, { ...built.request, ...patch });
    return price === null ? '' : ` · ${formatUsd(price, i18n.language)}`;
  };
};

/** A model sized by aspect ratio: the ratio, and the resolution and quality tiers it offers, each with its price. */
function TierFields({ model, values, built, messages, onChange }: Props & { model: ModelInfo }) {
  const { t } = useTranslation();
  const c = model.constraints;
  const tierPrice = useTierPrice(model, built);
  const qualities = (c.qualities ?? []).filter(isQuality);
  return (
    <>
      <SelectField
        id="aspect-select"
        label={t('advanced.aspectRatio')}
        value={values.aspectRatio}
        options={(c.aspectRatios ?? []).map((ratio) => ({ value: ratio, label: ratio === 'auto' ? t('advanced.aspectAuto') : ratio }))}
        onChange={(aspectRatio) => onChange({ aspectRatio })}
        {...describedBy(messages, 'aspectRatio')}
      >
        <FieldNotes messages={messages} field="aspectRatio" />
      </SelectField>
      {c.resolutions?.length ? (
        <SelectField
          id="resolution-select"
          label={t('advanced.resolution')}
          value={values.resolution}
          options={c.resolutions.map((r) => ({ value: r, label: `${r}${tierPrice({ resolution: r })}` }))}
          onChange={(resolution) => onChange({ resolution })}
          {...describedBy(messages, 'resolution')}
        >
          <FieldNotes messages={messages} field="resolution" />
        </SelectField>
      ) : null}
      {qualities.length > 0 && (
        <SelectField<string>
          id="quality-select"
          label={t('advanced.quality')}
          value={values.quality}
          options={qualities.map((q) => ({ value: q, label: `${t(`advanced.qualities.${q}`)}${tierPrice({ quality: q })}` }))}
          onChange={(quality) => onChange({ quality })}
          {...describedBy(messages, 'quality')}
        >
          <FieldNotes messages={messages} field="quality" />
        </SelectField>
      )}
    </>
  );
}

/** Sizing follows the model: pixel models take width × height, the others an aspect ratio (and maybe tier and quality). */
export function SizingFields({ model, values, built, messages, onChange }: Props) {
  if (!model || model.sizing === 'pixels') return <PixelSizeFields model={model} values={values} messages={messages} onChange={onChange} />;
  return <TierFields model={model} values={values} built={built} messages={messages} onChange={onChange} />;
}

import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../../shared/models.ts';
import { priceFor } from '../../../../shared/pricing.ts';
import { NATIVE_LIMITS } from '../../../../shared/veniceFacts.ts';
import { formatUsd } from '../../lib/format.ts';
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


/** Sizing follows the model: pixel models take width × height, the others an aspect ratio (and maybe tier and quality). */
export function SizingFields({ model, values, built, messages, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const c = model?.constraints;

  /** What one image costs with this tier chosen, for the option's label. */
  const tierPrice = (patch: { resolution?: string; quality?: Quality }): string => {
    if (built.request.endpoint !== 'native') return '';
    const price = priceFor(model, { ...built.request, ...patch });
    return price === null ? '' : ` · ${formatUsd(price, i18n.language)}`;
  };

  if (!model || model.sizing === 'pixels') {
    const divisor = c?.widthHeightDivisor ?? 1;
    const edge = (field: 'width' | 'height') => (
      <div className="field">
        <label className="field__label" htmlFor={`${field}-input`}>
          {t(`advanced.${field}`)}
        </label>
        <input
          id={`${field}-input`}
          className="input"
          type="number"
          data-testid={`${field}-input`}
          min={divisor}
          max={maxEdge(divisor)}
          step={divisor}
          value={values[field]}
          onChange={(e) => onChange({ [field]: e.target.value })}
          // Snapping while typing would fight the cursor; on leaving the field the value moves to the nearest valid size.
          onBlur={(e) => onChange({ [field]: snapEdgeText(e.target.value, divisor) })}
          {...describedBy(messages, field)}
        />
        <FieldNotes messages={messages} field={field} />
      </div>
    );
    return (
      <>
        {edge('width')}
        {edge('height')}
        <p className="field__help field--wide options__help" data-testid="size-help">
          {t('advanced.sizeHelp', { divisor, max: Math.min(NATIVE_LIMITS.maxPixelEdge, maxEdge(divisor)) })}
        </p>
      </>
    );
  }

  const qualities = (c?.qualities ?? []).filter(isQuality);
  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor="aspect-select">
          {t('advanced.aspectRatio')}
        </label>
        <select
          id="aspect-select"
          className="select"
          data-testid="aspect-select"
          value={values.aspectRatio}
          onChange={(e) => onChange({ aspectRatio: e.target.value })}
          {...describedBy(messages, 'aspectRatio')}
        >
          {(c?.aspectRatios ?? []).map((ratio) => (
            <option key={ratio} value={ratio}>
              {ratio === 'auto' ? t('advanced.aspectAuto') : ratio}
            </option>
          ))}
        </select>
        <FieldNotes messages={messages} field="aspectRatio" />
      </div>
      {c?.resolutions?.length ? (
        <div className="field">
          <label className="field__label" htmlFor="resolution-select">
            {t('advanced.resolution')}
          </label>
          <select
            id="resolution-select"
            className="select"
            data-testid="resolution-select"
            value={values.resolution}
            onChange={(e) => onChange({ resolution: e.target.value })}
            {...describedBy(messages, 'resolution')}
          >
            {c.resolutions.map((r) => (
              <option key={r} value={r}>
                {`${r}${tierPrice({ resolution: r })}`}
              </option>
            ))}
          </select>
          <FieldNotes messages={messages} field="resolution" />
        </div>
      ) : null}
      {qualities.length > 0 && (
        <div className="field">
          <label className="field__label" htmlFor="quality-select">
            {t('advanced.quality')}
          </label>
          <select
            id="quality-select"
            className="select"
            data-testid="quality-select"
            value={values.quality}
            onChange={(e) => onChange({ quality: e.target.value })}
            {...describedBy(messages, 'quality')}
          >
            {qualities.map((q) => (
              <option key={q} value={q}>
                {`${t(`advanced.qualities.${q}`)}${tierPrice({ quality: q })}`}
              </option>
            ))}
          </select>
          <FieldNotes messages={messages} field="quality" />
        </div>
      )}
    </>
  );
}

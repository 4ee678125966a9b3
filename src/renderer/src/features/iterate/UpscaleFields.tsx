import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { IteratePrices } from '../../../../shared/iterate.ts';
import { ITERATE_LIMITS } from '../../../../shared/iterateLimits.ts';
import { formatUsd } from '../../lib/format.ts';
import { Field } from '../../ui/Field.tsx';
import type { IterateSettings } from './iterateSettings.ts';

interface Props {
  settings: IterateSettings;
  prices: IteratePrices | null;
  onChange: (patch: Partial<IterateSettings>) => void;
  firstRef: Ref<HTMLInputElement>;
}

const SCALES = [2, 4] as const;

/** Upscale 2× or 4× (each with its price) and Venice's creativity, 0 (faithful) to 0.02. */
export function UpscaleFields({ settings, prices, onChange, firstRef }: Props) {
  const { t, i18n } = useTranslation();
  const priceOf = (scale: 2 | 4): number | null | undefined => (scale === 2 ? prices?.upscale2x : prices?.upscale4x);
  return (
    <>
      <fieldset className="field field--wide iterate-scales">
        <legend className="field__label">{t('iterate.form.scale')}</legend>
        {SCALES.map((scale) => {
          const price = priceOf(scale);
          return (
            <label key={scale} className="check">
              <input
                ref={scale === 2 ? firstRef : undefined}
                type="radio"
                name="iterate-scale"
                data-testid={`iterate-scale-${scale}`}
                checked={settings.scale === scale}
                onChange={() => onChange({ scale })}
              />
              <span className="check__label">
                {t('iterate.form.scaleOption', { scale })}
                {price != null && <span className="muted"> · {formatUsd(price, i18n.language)}</span>}
              </span>
            </label>
          );
        })}
      </fieldset>
      <Field id="iterate-creativity" label={t('iterate.form.creativity')} className="field--wide">
        <input
          id="iterate-creativity"
          className="input input--mono"
          type="number"
          data-testid="iterate-creativity"
          min={0}
          max={ITERATE_LIMITS.creativityMax}
          step={0.005}
          value={settings.creativity}
          onChange={(e) => {
            const value = e.target.valueAsNumber;
            if (Number.isFinite(value)) onChange({ creativity: Math.min(ITERATE_LIMITS.creativityMax, Math.max(0, value)) });
          }}
        />
        <p className="field__help">{t('iterate.form.creativityHelp', { max: ITERATE_LIMITS.creativityMax.toLocaleString(i18n.language) })}</p>
      </Field>
    </>
  );
}

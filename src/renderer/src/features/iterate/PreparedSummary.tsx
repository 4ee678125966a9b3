import { useTranslation } from 'react-i18next';
import { formatUsd } from '../../lib/format.ts';
import { InputProblem } from './InputProblem.tsx';
import type { DraftGap, IterateMode } from './iterateSettings.ts';
import type { Downscale } from './useDownscale.ts';
import type { PreparedState } from './usePrepared.ts';

interface Props {
  mode: IterateMode;
  gap: DraftGap | null;
  prepared: PreparedState;
  /** Offered on a refusal that a smaller copy of the input would cure. */
  downscale: Downscale;
}

/** What Send would do, known before anything is sent: the price, an upscale's result size, or why it cannot go. */
export function PreparedSummary({ mode, gap, prepared, downscale }: Props) {
  const { t, i18n } = useTranslation();
  if (gap !== null) {
    return (
      <p className="muted" data-testid="iterate-gap" data-gap={gap}>
        {t(`iterate.gap.${gap}`)}
      </p>
    );
  }
  if (prepared.state === 'refused') return <InputProblem error={prepared.error} testId="iterate-refused" downscale={downscale} />;
  if (prepared.state !== 'ready') {
    return (
      <p className="muted" data-testid="iterate-checking">
        {t('iterate.form.checking')}
      </p>
    );
  }
  const { priceUsd, upscale } = prepared.prepared;
  return (
    <div className="iterate-summary">
      {downscale.done && (
        <p className="muted" role="status" data-testid="iterate-downscaled">
          {t('iterate.downscale.done', { ...downscale.done })}
        </p>
      )}
      <p className="price" data-testid="iterate-price" data-price={priceUsd ?? ''}>
        {priceUsd === null ? t('price.unknown') : t(`iterate.form.price.${mode}`, { price: formatUsd(priceUsd, i18n.language) })}
      </p>
      {upscale && (
        <p data-testid="iterate-result-size" data-width={upscale.width} data-height={upscale.height}>
          {t('iterate.form.resultSize', { width: upscale.width, height: upscale.height })}
        </p>
      )}
      {upscale?.clamped && (
        <p className="field__warning" data-testid="iterate-clamped">
          {t('iterate.form.clamped', { factor: upscale.factor.toLocaleString(i18n.language, { maximumFractionDigits: 2 }) })}
        </p>
      )}
    </div>
  );
}

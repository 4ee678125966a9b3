import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import type { Downscale } from './useDownscale.ts';

interface Props {
  downscale: Downscale;
  /** The refused input's position in the draft (main's `details.input`). */
  index: number;
  /** The copy's size when main knows it beforehand (a pixel bound); a byte bound knows it only once made. */
  size: { width: number; height: number } | null;
}

/** "Use a smaller copy (W × H)" under a refusal that a smaller copy would cure; it is made here and costs nothing. */
export function DownscaleOffer({ downscale, index, size }: Props) {
  const { t } = useTranslation();
  return (
    <div className="downscale-offer">
      <button type="button" className="button button--small" data-testid="iterate-downscale" disabled={downscale.busy} onClick={() => downscale.run(index)}>
        {downscale.busy ? t('iterate.downscale.making') : size ? t('iterate.downscale.offerSized', size) : t('iterate.downscale.offer')}
      </button>
      <p className="muted">{t('iterate.downscale.free')}</p>
      {downscale.error && <ErrorMessage error={downscale.error} compact testId="iterate-downscale-error" />}
    </div>
  );
}

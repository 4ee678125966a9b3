import { useTranslation } from 'react-i18next';
import type { Zoom } from './ViewerStage.tsx';
import { clampScale } from './useStageGestures.ts';
import { numberFormat } from '../../lib/format.ts';

interface Props {
  zoom: Zoom;
  /** What 'fit' currently means in pixels, so +/- can step from it. */
  fitScale: number;
  onZoom: (zoom: Zoom) => void;
}

const STEP = 1.25;

export const zoomIn = (zoom: Zoom, fit: number): Zoom => clampScale((zoom === 'fit' ? fit : zoom) * STEP);
export const zoomOut = (zoom: Zoom, fit: number): Zoom => clampScale((zoom === 'fit' ? fit : zoom) / STEP);

/** Fit, 100 %, zoom out/in, and the current percentage. */
export function ZoomControls({ zoom, fitScale, onZoom }: Props) {
  const { t, i18n } = useTranslation();
  const scale = zoom === 'fit' ? fitScale : zoom;
  const percent = numberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(scale);
  return (
    <div className="zoom" role="group" aria-label={t('zoom.label')} data-testid="viewer-zoom" data-zoom={zoom === 'fit' ? 'fit' : scale.toFixed(3)}>
      <button type="button" className="zoom__button" data-testid="viewer-zoom-out" aria-label={t('zoom.out')} title={t('zoom.out')} onClick={() => onZoom(zoomOut(zoom, fitScale))}>
        −
      </button>
      <span className="zoom__level" data-testid="viewer-zoom-level">
        {percent}
      </span>
      <button type="button" className="zoom__button" data-testid="viewer-zoom-in" aria-label={t('zoom.in')} title={t('zoom.in')} onClick={() => onZoom(zoomIn(zoom, fitScale))}>
        +
      </button>
      <button type="button" className="zoom__button zoom__button--text" data-testid="viewer-zoom-fit" aria-pressed={zoom === 'fit'} onClick={() => onZoom('fit')}>
        {t('zoom.fit')}
      </button>
      <button type="button" className="zoom__button zoom__button--text" data-testid="viewer-zoom-100" aria-pressed={zoom === 1} onClick={() => onZoom(1)}>
        {numberFormat(i18n.language, { style: 'percent' }).format(1)}
      </button>
    </div>
  );
}

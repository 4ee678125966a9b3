import { useTranslation } from 'react-i18next';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { BeforeAfter } from './BeforeAfter.tsx';
import { DifferenceView } from './DifferenceView.tsx';
import { type Zoom, ViewerStage } from './ViewerStage.tsx';

const COMPARE_MODES = ['side', 'slider', 'difference'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

interface Props {
  /** The pinned image: "before" in the before/after modes. */
  pinned: ImageSummary;
  current: ImageSummary;
  mode: CompareMode;
  onMode: (mode: CompareMode) => void;
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
  onFitScale: (scale: number) => void;
}

/** A per-pixel difference says something only when both images have the same pixels to compare. */
const sameSize = (a: ImageSummary, b: ImageSummary): boolean => a.width === b.width && a.height === b.height;

/** Two images compared: side by side (each zoomable), before/after under one slider, or their difference. */
export function CompareView({ pinned, current, mode, onMode, zoom, onZoom, onFitScale }: Props) {
  const { t } = useTranslation();
  const canDiff = sameSize(pinned, current);
  const shown = mode === 'difference' && !canDiff ? 'slider' : mode;
  return (
    <div className="compare-view" data-testid="compare-view" data-mode={shown}>
      <div className="compare-modes" role="group" aria-label={t('family.compareModes')}>
        {COMPARE_MODES.map((m) => {
          const disabled = m === 'difference' && !canDiff;
          return (
            <button
              key={m}
              type="button"
              className="compare-modes__button"
              data-testid={`compare-mode-${m}`}
              aria-pressed={shown === m}
              disabled={disabled}
              title={disabled ? t('family.differenceSameSize') : undefined}
              onClick={() => onMode(m)}
            >
              {t(`family.mode.${m}`)}
            </button>
          );
        })}
      </div>
      {shown === 'slider' && <BeforeAfter before={pinned} after={current} />}
      {shown === 'difference' && <DifferenceView before={pinned} after={current} />}
      {shown === 'side' && (
        <div className="compare">
          <figure className="compare__side" data-testid="compare-left" data-image-id={pinned.id}>
            <ViewerStage image={pinned} zoom={zoom} onZoom={onZoom} />
            <figcaption className="compare__caption">{t('viewer.compareLeft', { model: pinned.model })}</figcaption>
          </figure>
          <figure className="compare__side" data-testid="compare-right" data-image-id={current.id}>
            <ViewerStage image={current} zoom={zoom} onZoom={onZoom} onFitScale={onFitScale} />
            <figcaption className="compare__caption">{t('viewer.compareRight', { model: current.model })}</figcaption>
          </figure>
        </div>
      )}
    </div>
  );
}

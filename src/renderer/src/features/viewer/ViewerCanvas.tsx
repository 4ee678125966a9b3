import { useTranslation } from 'react-i18next';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { type CompareMode, CompareView } from './CompareView.tsx';
import { type Zoom, ViewerStage } from './ViewerStage.tsx';
import { ZoomControls } from './ZoomControls.tsx';

interface Props {
  image: ImageSummary;
  /** The pinned left-hand image of a side-by-side comparison; null when not comparing. */
  compareWith: ImageSummary | null;
  compareMode: CompareMode;
  onCompareMode: (mode: CompareMode) => void;
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
  fitScale: number;
  onFitScale: (scale: number) => void;
  previousId: string | null;
  nextId: string | null;
  onNavigate: (id: string) => void;
}

/** The viewer's picture side: the image (or two compared), the previous/next arrows and the zoom controls. */
export function ViewerCanvas({ image, compareWith, compareMode, onCompareMode, zoom, onZoom, fitScale, onFitScale, previousId, nextId, onNavigate }: Props) {
  const { t } = useTranslation();
  return (
    <div className="viewer__stage">
      {compareWith ? (
        <CompareView pinned={compareWith} current={image} mode={compareMode} onMode={onCompareMode} zoom={zoom} onZoom={onZoom} onFitScale={onFitScale} />
      ) : (
        <ViewerStage image={image} zoom={zoom} onZoom={onZoom} onFitScale={onFitScale} />
      )}
      {previousId && (
        <button type="button" className="viewer__nav viewer__nav--prev" data-testid="viewer-previous" aria-label={t('viewer.previous')} onClick={() => onNavigate(previousId)}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M15 5l-7 7 7 7" />
          </svg>
        </button>
      )}
      {nextId && (
        <button type="button" className="viewer__nav viewer__nav--next" data-testid="viewer-next" aria-label={t('viewer.next')} onClick={() => onNavigate(nextId)}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M9 5l7 7-7 7" />
          </svg>
        </button>
      )}
      {/* The before/after modes draw both images fitted into one frame: zoom is for the image and side by side. */}
      {(!compareWith || compareMode === 'side') && <ZoomControls zoom={zoom} fitScale={fitScale} onZoom={onZoom} />}
    </div>
  );
}

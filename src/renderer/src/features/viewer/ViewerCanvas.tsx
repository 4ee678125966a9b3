import { useTranslation } from 'react-i18next';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { type CompareMode, CompareView } from './CompareView.tsx';
import type { ImageZoom } from './useImageZoom.ts';
import { ViewerStage } from './ViewerStage.tsx';
import { ZoomControls } from './ZoomControls.tsx';

interface Props {
  image: ImageSummary;
  /** The pinned left-hand image of a side-by-side comparison; null when not comparing. */
  compareWith: ImageSummary | null;
  compareMode: CompareMode;
  onCompareMode: (mode: CompareMode) => void;
  zoom: ImageZoom;
  previousId: string | null;
  nextId: string | null;
  onNavigate: (id: string) => void;
}

/** The viewer's picture side: the image (or two compared), the previous/next arrows and the zoom controls. */
export function ViewerCanvas({ image, compareWith, compareMode, onCompareMode, zoom: z, previousId, nextId, onNavigate }: Props) {
  const { zoom, setZoom, fitScale, setFitScale } = z;
  return (
    <div className="viewer__stage">
      {compareWith ? (
        <CompareView pinned={compareWith} current={image} mode={compareMode} onMode={onCompareMode} zoom={zoom} onZoom={setZoom} onFitScale={setFitScale} />
      ) : (
        <ViewerStage image={image} zoom={zoom} onZoom={setZoom} onFitScale={setFitScale} />
      )}
      {previousId && <NavButton to={previousId} direction="previous" onNavigate={onNavigate} />}
      {nextId && <NavButton to={nextId} direction="next" onNavigate={onNavigate} />}
      {/* The before/after modes draw both images fitted into one frame: zoom is for the image and side by side. */}
      {(!compareWith || compareMode === 'side') && <ZoomControls zoom={zoom} fitScale={fitScale} onZoom={setZoom} />}
    </div>
  );
}

const ARROW = { previous: 'M15 5l-7 7 7 7', next: 'M9 5l7 7-7 7' } as const;
const NAV_CLASS = { previous: 'viewer__nav viewer__nav--prev', next: 'viewer__nav viewer__nav--next' } as const;

/** The arrow at the stage's edge to the previous or next image. */
function NavButton({ to, direction, onNavigate }: { to: string; direction: 'previous' | 'next'; onNavigate: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={NAV_CLASS[direction]} data-testid={`viewer-${direction}`} aria-label={t(`viewer.${direction}`)} onClick={() => onNavigate(to)}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d={ARROW[direction]} />
      </svg>
    </button>
  );
}

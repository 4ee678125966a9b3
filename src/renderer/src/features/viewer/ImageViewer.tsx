import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDetail, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import type { Curation } from '../library/useCuration.ts';
import { useImageDetail } from '../../hooks/useImageDetail.ts';
import type { TagCount } from '../library/useTagList.ts';
import type { Range } from '../../ui/highlight.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { FamilyTree } from '../iterate/FamilyTree.tsx';
import { LineagePanel } from '../iterate/LineagePanel.tsx';
import { useFamily } from '../iterate/useFamily.ts';
import { QuickActions } from '../iterate/QuickActions.tsx';
import { ViewerActions } from './ViewerActions.tsx';
import { ViewerDetails } from './ViewerDetails.tsx';
import type { CompareMode } from './CompareView.tsx';
import { ViewerCanvas } from './ViewerCanvas.tsx';
import { ViewerPrompt } from './ViewerPrompt.tsx';
import { ViewerTags } from './ViewerTags.tsx';
import { asSingleImage } from './variants.ts';
import { onViewerKey } from './viewerKeys.ts';
import { useImageZoom } from './useImageZoom.ts';
import { useViewerDialog } from './useViewerDialog.ts';

interface Props {
  /** The open image as the list has it (kept current by curation actions). */
  summary: ImageSummary;
  previousId: string | null;
  nextId: string | null;
  /** Near the end of what is loaded: ask for the next page so → keeps going. */
  nearEnd: boolean;
  onLoadMore: () => void;
  /** The pinned left-hand image of a side-by-side comparison; null when not comparing. */
  compareWith: ImageSummary | null;
  onCompare: (pinned: ImageSummary | null) => void;
  ranges: readonly Range[] | undefined;
  onNavigate: (id: string) => void;
  onClose: () => void;
  onReuse: (image: ImageDetail) => void;
  curation: Curation;
  tags: readonly TagCount[];
  collections: readonly Collection[];
}

/**
 * The lightbox: one image large (or two side by side), its full record, and the culling keys — 1–5 rate, 0 clears,
 * F favourite, X or Delete trash, arrows move, +/- zoom.
 */
export function ImageViewer(props: Props) {
  const { summary, previousId, nextId, compareWith, curation, onNavigate, onCompare } = props;
  const { t } = useTranslation();
  const { detail, error, reload } = useImageDetail(summary.id);
  const zoom = useImageZoom(summary.id);
  const [compareMode, setCompareMode] = useState<CompareMode>('side');
  const family = useFamily(summary.id);
  // "Compare with original": the image this one was made from (its parent in the family tree), before/after.
  const parentId = family?.nodes.find((n) => n.image.id === summary.id)?.parentId;
  const original = family?.nodes.find((n) => n.image.id === parentId)?.image ?? null;
  const { dialog, closeButton, close, onCancel, onBackdropClick } = useViewerDialog(compareWith ? () => onCompare(null) : null);

  const { nearEnd, onLoadMore } = props;
  useEffect(() => {
    if (nearEnd) onLoadMore();
  }, [nearEnd, onLoadMore]);

  // Trashed or restored, the image leaves the list: the viewer moves on first, so it does not close with it.
  const leaveList = (move: (ids: readonly string[]) => Promise<boolean>) => {
    const neighbour = nextId ?? previousId;
    if (neighbour) onNavigate(neighbour);
    void move([summary.id]).then((ok) => ok && !neighbour && close());
  };
  const trashOpen = () => leaveList(curation.trash);
  const compare = (mode: CompareMode, pinned: ImageSummary | null) => {
    setCompareMode(mode);
    onCompare(pinned);
  };

  const info: ImageSummary = { ...(detail ?? summary), favorite: summary.favorite, rating: summary.rating, trashedAt: summary.trashedAt };
  const reuse = (scope: 'image' | 'batch') => {
    if (!detail) return;
    props.onReuse(scope === 'image' ? asSingleImage(detail) : detail);
    close();
  };

  return (
    <dialog
      ref={dialog}
      className="modal viewer"
      data-testid="viewer"
      data-image-id={summary.id}
      aria-label={t('viewer.label')}
      onClose={props.onClose}
      onCancel={onCancel}
      onClick={onBackdropClick}
      onKeyDown={(e) => onViewerKey(e, { summary, previousId, nextId, onNavigate, zoom, curation, trashOpen })}
    >
      <div className="viewer__layout">
        <ViewerCanvas image={summary} compareWith={compareWith} compareMode={compareMode} onCompareMode={setCompareMode} zoom={zoom} previousId={previousId} nextId={nextId} onNavigate={onNavigate} />
        <aside className="viewer__side">
          <button ref={closeButton} type="button" className="icon-button viewer__close" data-testid="viewer-close" aria-label={t('viewer.close')} onClick={close}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
          <ViewerPrompt info={info} detail={detail} ranges={props.ranges} />
          <ViewerActions
            key={summary.id}
            info={info}
            detail={detail}
            curation={curation}
            comparing={compareWith !== null}
            onCompare={() => compare('side', compareWith ? null : summary)}
            onReuse={reuse}
            onTrash={trashOpen}
            onRestore={() => leaveList(curation.restore)}
          />
          {curation.error && <ErrorMessage error={curation.error} compact testId="viewer-curation-error" onDismiss={curation.clearError} />}
          <ViewerTags detail={detail} tags={props.tags} collections={props.collections} curation={curation} onChanged={reload} />
          {summary.trashedAt === null && <QuickActions key={`quick-${summary.id}`} id={summary.id} />}
          <LineagePanel id={summary.id} onNavigate={onNavigate} onCompareWithOriginal={original ? () => compare('slider', original) : undefined} />
          {family && <FamilyTree family={family} activeId={summary.id} onNavigate={onNavigate} />}
          <ViewerDetails info={info} detail={detail} error={error} />
          {error && <ErrorMessage error={error} testId="viewer-error" />}
          <p className="viewer__hint muted">{t('viewer.keysHint')}</p>
        </aside>
      </div>
    </dialog>
  );
}

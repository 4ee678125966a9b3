import { type KeyboardEvent, type MouseEvent, type SyntheticEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDetail, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import type { Curation } from '../library/useCuration.ts';
import { useImageDetail } from '../../hooks/useImageDetail.ts';
import type { TagCount } from '../library/useTagList.ts';
import { cullAction } from '../../shortcuts/cullingKeys.ts';
import { matchShortcut } from '../../shortcuts/rule.ts';
import type { Range } from '../../ui/highlight.ts';
import { BlurredBadge } from '../../ui/BlurredBadge.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { HighlightedText } from '../../ui/HighlightedText.tsx';
import { FamilyTree } from '../iterate/FamilyTree.tsx';
import { EnhancedPrompt } from '../iterate/EnhancedPrompt.tsx';
import { LineagePanel } from '../iterate/LineagePanel.tsx';
import { useFamily } from '../iterate/useFamily.ts';
import { QuickActions } from '../iterate/QuickActions.tsx';
import { onReferencesSent } from '../generate/referenceInbox.ts';
import { ViewerActions } from './ViewerActions.tsx';
import { ViewerDetails } from './ViewerDetails.tsx';
import type { CompareMode } from './CompareView.tsx';
import type { Zoom } from './ViewerStage.tsx';
import { ViewerCanvas } from './ViewerCanvas.tsx';
import { ViewerTags } from './ViewerTags.tsx';
import { asSingleImage, titledByFileName } from './variants.ts';
import { zoomIn, zoomOut } from './ZoomControls.tsx';

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
  const { summary, previousId, nextId, compareWith, curation } = props;
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const { detail, error, reload } = useImageDetail(summary.id);
  // Zoom belongs to one image: the next one opens fitted.
  const [zoomOf, setZoomOf] = useState<{ id: string; zoom: Zoom }>({ id: summary.id, zoom: 'fit' });
  const zoom = zoomOf.id === summary.id ? zoomOf.zoom : 'fit';
  const setZoom = useCallback((z: Zoom) => setZoomOf({ id: summary.id, zoom: z }), [summary.id]);
  const [fitScale, setFitScale] = useState(1);
  const [compareMode, setCompareMode] = useState<CompareMode>('side');
  const family = useFamily(summary.id);
  // "Compare with original": the image this one was made from (its parent in the family tree), before/after.
  const parentId = family?.nodes.find((n) => n.image.id === summary.id)?.parentId;
  const original = family?.nodes.find((n) => n.image.id === parentId)?.image ?? null;
  const compareWithOriginal = () => {
    if (!original) return;
    setCompareMode('slider');
    props.onCompare(original);
  };

  // A modal <dialog> gives focus trapping, Escape and inertness of the page behind it for free.
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    closeButton.current?.focus();
  }, []);

  // "Use as reference" takes the user to the Generate form: the lightbox closes, as it does for Reuse settings.
  useEffect(() => onReferencesSent(() => dialog.current?.close()), []);

  const { nearEnd, onLoadMore } = props;
  useEffect(() => {
    if (nearEnd) onLoadMore();
  }, [nearEnd, onLoadMore]);

  const close = () => dialog.current?.close();
  const trashOpen = () => {
    // Move first, so the viewer does not close when the image leaves the list.
    const neighbour = nextId ?? previousId;
    if (neighbour) props.onNavigate(neighbour);
    void curation.trash([summary.id]).then((ok) => ok && !neighbour && close());
  };
  const restoreOpen = () => {
    const neighbour = nextId ?? previousId;
    if (neighbour) props.onNavigate(neighbour);
    void curation.restore([summary.id]).then((ok) => ok && !neighbour && close());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    const shortcut = matchShortcut(e, 'viewer', dialog.current);
    if (shortcut === 'previous' && previousId) props.onNavigate(previousId);
    else if (shortcut === 'next' && nextId) props.onNavigate(nextId);
    else if (shortcut === 'zoomIn') setZoom(zoomIn(zoom, fitScale));
    else if (shortcut === 'zoomOut') setZoom(zoomOut(zoom, fitScale));
    else {
      const action = shortcut === 'rate' || shortcut === 'favorite' || shortcut === 'trash' ? cullAction(e) : null;
      if (!action) return;
      if (summary.trashedAt !== null && action.kind !== 'trash') return;
      if (action.kind === 'rate') void curation.setRating([summary.id], action.rating);
      else if (action.kind === 'favorite') void curation.setFavorite([summary.id], !summary.favorite);
      else if (summary.trashedAt === null) trashOpen();
    }
    e.preventDefault();
  };

  // Escape while comparing ends the comparison first; a second Escape closes the viewer.
  const onCancel = (e: SyntheticEvent<HTMLDialogElement>) => {
    if (compareWith) {
      e.preventDefault();
      props.onCompare(null);
    }
  };
  const onBackdropClick = (e: MouseEvent<HTMLDialogElement>) => {
    if (e.target === e.currentTarget) close();
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
      className="viewer"
      data-testid="viewer"
      data-image-id={summary.id}
      aria-label={t('viewer.label')}
      onClose={props.onClose}
      onCancel={onCancel}
      onClick={onBackdropClick}
      onKeyDown={onKeyDown}
    >
      <div className="viewer__layout">
        <ViewerCanvas
          image={summary}
          compareWith={compareWith}
          compareMode={compareMode}
          onCompareMode={setCompareMode}
          zoom={zoom}
          onZoom={setZoom}
          fitScale={fitScale}
          onFitScale={setFitScale}
          previousId={previousId}
          nextId={nextId}
          onNavigate={props.onNavigate}
        />
        <aside className="viewer__side">
          <button ref={closeButton} type="button" className="icon-button viewer__close" data-testid="viewer-close" aria-label={t('viewer.close')} onClick={close}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
          <h2 className="viewer__heading" data-testid="viewer-prompt-heading">{detail && titledByFileName(detail) ? t('viewer.fileName') : t('viewer.prompt')}</h2>
          <p className="prompt-text viewer__prompt" dir="auto" data-testid="viewer-prompt">
            <HighlightedText text={info.prompt} ranges={props.ranges} />
          </p>
          <EnhancedPrompt id={summary.id} />
          {info.blurred && <BlurredBadge variant="notice" endpoint={detail?.endpoint} />}
          <ViewerActions
            key={summary.id}
            info={info}
            detail={detail}
            curation={curation}
            comparing={compareWith !== null}
            onCompare={() => {
              setCompareMode('side');
              props.onCompare(compareWith ? null : summary);
            }}
            onReuse={reuse}
            onTrash={trashOpen}
            onRestore={restoreOpen}
          />
          {curation.error && <ErrorMessage error={curation.error} compact testId="viewer-curation-error" onDismiss={curation.clearError} />}
          <ViewerTags detail={detail} tags={props.tags} collections={props.collections} curation={curation} onChanged={reload} />
          {summary.trashedAt === null && <QuickActions key={`quick-${summary.id}`} id={summary.id} />}
          <LineagePanel id={summary.id} onNavigate={props.onNavigate} onCompareWithOriginal={original ? compareWithOriginal : undefined} />
          {family && <FamilyTree family={family} activeId={summary.id} onNavigate={props.onNavigate} />}
          <ViewerDetails info={info} detail={detail} error={error} />
          {error && <ErrorMessage error={error} testId="viewer-error" />}
          <p className="viewer__hint muted">{t('viewer.keysHint')}</p>
        </aside>
      </div>
    </dialog>
  );
}

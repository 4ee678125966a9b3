import type { KeyboardEvent } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { cullAction } from '../../shortcuts/cullingKeys.ts';
import { matchShortcut } from '../../shortcuts/rule.ts';
import type { Curation } from '../library/useCuration.ts';
import type { ImageZoom } from './useImageZoom.ts';
import { zoomIn, zoomOut } from './ZoomControls.tsx';

interface ViewerKeys {
  summary: ImageSummary;
  previousId: string | null;
  nextId: string | null;
  onNavigate: (id: string) => void;
  zoom: ImageZoom;
  curation: Curation;
  /** Moves the open image to the trash and the viewer to its neighbour. */
  trashOpen: () => void;
}

/** The viewer's keys: arrows move, +/- zoom, and the culling keys (1–5 rate, 0 clears, F favourite, X or Delete trash). */
export const onViewerKey = (e: KeyboardEvent<HTMLDialogElement>, k: ViewerKeys): void => {
  const shortcut = matchShortcut(e, 'viewer', e.currentTarget);
  if (shortcut === 'previous' && k.previousId) k.onNavigate(k.previousId);
  else if (shortcut === 'next' && k.nextId) k.onNavigate(k.nextId);
  else if (shortcut === 'zoomIn') k.zoom.setZoom(zoomIn(k.zoom.zoom, k.zoom.fitScale));
  else if (shortcut === 'zoomOut') k.zoom.setZoom(zoomOut(k.zoom.zoom, k.zoom.fitScale));
  else {
    const action = shortcut === 'rate' || shortcut === 'favorite' || shortcut === 'trash' ? cullAction(e) : null;
    if (!action) return;
    const { summary, curation } = k;
    // An image in the trash takes no marks, and the trash key has nothing more to do to it.
    if (summary.trashedAt !== null && action.kind !== 'trash') return;
    if (action.kind === 'rate') void curation.setRating([summary.id], action.rating);
    else if (action.kind === 'favorite') void curation.setFavorite([summary.id], !summary.favorite);
    else if (summary.trashedAt === null) k.trashOpen();
  }
  e.preventDefault();
};

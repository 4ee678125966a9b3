import type { DragEvent } from 'react';
import { call, toApiError } from '../api.ts';
import { IMAGE_IDS_MIME, imageDropsAccepted } from './imageDrag.ts';

/** The contract's cap on one drag; a bigger selection drags its first 500 (export is the tool for more). */
const MAX_DRAG_IMAGES = 500;

/**
 * Drag-out to other apps: the browser's own drag would carry a media/ URL the OS cannot use, so we cancel it and
 * let main start a native file drag for these library ids (main resolves the paths; the page never names files).
 * The request goes out inside dragstart: main calls webContents.startDrag synchronously on receipt, as macOS needs.
 */
export const startDragOut = (event: DragEvent, ids: readonly string[]): void => {
  // While a form that takes images is open, a tile is dragged to it (a page drag with the ids), not out of the app.
  if (imageDropsAccepted() && ids.length > 0) {
    event.dataTransfer.setData(IMAGE_IDS_MIME, ids.join('\n'));
    event.dataTransfer.effectAllowed = 'copy';
    return;
  }
  event.preventDefault();
  if (ids.length === 0) return;
  call('images.start_drag', { ids: ids.slice(0, MAX_DRAG_IMAGES) }).catch((e: unknown) => {
    // Nothing the user can act on mid-gesture; the code is enough to diagnose it.
    console.warn('drag-out failed:', toApiError(e).code);
  });
};

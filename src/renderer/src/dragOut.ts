import type { DragEvent } from 'react';
import { call, toApiError } from './api.ts';

/**
 * Drag-out to other apps: the browser's own drag would carry a media/ URL the OS cannot use, so we cancel it and
 * let main start a native file drag for this library id (main resolves the path; the page never names files).
 */
export const startDragOut = (event: DragEvent, id: string): void => {
  event.preventDefault();
  call('images.start_drag', { id }).catch((e: unknown) => {
    // Nothing the user can act on mid-gesture; the code is enough to diagnose it.
    console.warn('drag-out failed:', toApiError(e).code);
  });
};

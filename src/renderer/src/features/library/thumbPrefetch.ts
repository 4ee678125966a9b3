import { mediaUrl } from '../../../../shared/app.ts';

/**
 * Thumbnails fetched and decoded ahead of the scroll, so a row arrives with its pictures instead of empty cells.
 * Each is an Image that has been decode()d: Chromium decodes it off the main thread, and an <img> of the same URL in
 * the document is then complete the moment it is inserted (the document's list of available images). Hand-written:
 * what to fetch follows the grid's own scroll direction and window, which no image-loading library knows.
 */
/** Decoded thumbnails kept (a few screens; each ~18 kB fetched, Chromium keeps or drops the decoded pixels itself). */
const WARM_LIMIT = 400;
/**
 * Fetches at once: fewer than the browser's six connections to the app, so the tiles' own requests (the rows in
 * view) never queue behind prefetches (with 12, thumbnails took seconds to appear after a fling stopped).
 */
const IN_FLIGHT = 4;

const warm = new Map<string, HTMLImageElement>();
const loading = new Map<string, HTMLImageElement>();
const waiting = new Map<string, Set<() => void>>();
let wanted: string[] = [];

export const isWarm = (id: string): boolean => warm.has(id);

/** Calls `listener` once `id` is warm; returns the unsubscribe. */
export const onWarm = (id: string, listener: () => void): (() => void) => {
  let set = waiting.get(id);
  if (!set) waiting.set(id, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) waiting.delete(id);
  };
};

const settle = (id: string, image: HTMLImageElement, ok: boolean): void => {
  loading.delete(id);
  if (ok) {
    if (warm.size >= WARM_LIMIT) warm.delete(warm.keys().next().value!);
    warm.set(id, image);
    for (const listener of waiting.get(id) ?? []) listener();
    waiting.delete(id);
  }
  pump();
};

const pump = (): void => {
  while (loading.size < IN_FLIGHT && wanted.length > 0) {
    const id = wanted.shift()!;
    if (warm.has(id) || loading.has(id)) continue;
    const image = new Image();
    image.decoding = 'async';
    image.src = mediaUrl('thumb', id);
    loading.set(id, image);
    image.decode().then(
      () => settle(id, image, true),
      () => settle(id, image, false),
    );
  }
};

/** The thumbnails to have ready next, nearest first; replaces what was wanted before (the scroll moved on). */
export const prefetchThumbs = (ids: readonly string[]): void => {
  wanted = ids.filter((id) => !warm.has(id) && !loading.has(id));
  // Touch the warm ones still wanted so they are the last to be dropped.
  for (const id of ids) {
    const image = warm.get(id);
    if (image) {
      warm.delete(id);
      warm.set(id, image);
    }
  }
  pump();
};

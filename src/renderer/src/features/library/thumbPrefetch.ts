import { mediaUrl } from '../../../../shared/app.ts';
import { isWarm, markWarm, touchWarm } from './thumbWarmth.ts';

/**
 * Thumbnails fetched and decoded ahead of the scroll, so a row arrives with its pictures instead of empty cells.
 * Each is an Image that has been decode()d: Chromium decodes it off the main thread, and an <img> of the same URL in
 * the document is then complete the moment it is inserted (the document's list of available images). Hand-written:
 * what to fetch follows the grid's own scroll direction and window, which no image-loading library knows.
 */

/**
 * Fetches at once: six, as many connections as Chromium opens to one HTTP host (the harness and the bench serve the
 * app over HTTP; lagoon:// has no such cap). Every wanted list puts the rows in view first, so when a fling lands its
 * window is what fills them. With four, the window's last thumbnails arrived later (median over 18 flings of the 100k
 * library, stop to every visible thumbnail: 180 ms with four, 140 with six); with twelve, more than the connections,
 * stale prefetches held the landing rows back for seconds.
 */
const IN_FLIGHT = 6;

const loading = new Map<string, HTMLImageElement>();
let wanted: string[] = [];

const settle = (id: string, image: HTMLImageElement, ok: boolean): void => {
  loading.delete(id);
  if (ok) markWarm(id, image);
  pump();
};

const pump = (): void => {
  while (loading.size < IN_FLIGHT && wanted.length > 0) {
    const id = wanted.shift()!;
    if (isWarm(id) || loading.has(id)) continue;
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
  wanted = ids.filter((id) => !isWarm(id) && !loading.has(id));
  // Touch the warm ones still wanted so they are the last to be dropped.
  for (const id of ids) touchWarm(id);
  pump();
};

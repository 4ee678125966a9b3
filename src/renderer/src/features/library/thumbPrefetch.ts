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
 * stale prefetches held the landing rows back for seconds. Eighteen, with a passed cell's fetch giving up its slot and
 * the landing's cells fetched at high priority, showed more thumbnails during a fling on a quick machine, but on a
 * loaded one the passed cells' fetches were still being served and decoded at the landing: every visible thumbnail
 * came 200–260 ms later in three of four paired bench runs. (During a fling a load event runs 23–41 ms after its
 * bytes arrive, so a connection waits for the main thread; taking an image's src away did not cancel its fetch.)
 */
const IN_FLIGHT = 6;

/**
 * Thumbnails asked for and not yet decoded, each image kept referenced until its decode settles; `fetching` are those
 * still arriving. Only those count against IN_FLIGHT: the next fetch starts when a thumbnail has arrived, not when it
 * has decoded too. Holding the slot through the decode left a connection idle for 10–25 ms each time on a busy main
 * thread; after a fling, every visible thumbnail came ~40 ms sooner (median settle over paired runs of 8 flings, old
 * against new: 135 → 98, 105 → 66, 164 → 109, 101 → 63, 79 → 78 ms).
 */
const pending = new Map<string, HTMLImageElement>();
const fetching = new Set<string>();
let wanted: string[] = [];

const arrived = (id: string): void => {
  if (fetching.delete(id)) pump();
};

const decoded = (id: string, image: HTMLImageElement, ok: boolean): void => {
  pending.delete(id);
  if (ok) markWarm(id, image);
  // A failed fetch fires no load event: its slot is freed here.
  arrived(id);
};

const pump = (): void => {
  while (fetching.size < IN_FLIGHT && wanted.length > 0) {
    const id = wanted.shift()!;
    if (isWarm(id) || pending.has(id)) continue;
    const image = new Image();
    image.decoding = 'async';
    image.addEventListener('load', () => arrived(id), { once: true });
    image.src = mediaUrl('thumb', id);
    pending.set(id, image);
    fetching.add(id);
    image.decode().then(
      () => decoded(id, image, true),
      () => decoded(id, image, false),
    );
  }
};

/** The thumbnails to have ready next, nearest first; replaces what was wanted before (the scroll moved on). */
export const prefetchThumbs = (ids: readonly string[]): void => {
  wanted = ids.filter((id) => !isWarm(id) && !pending.has(id));
  // Touch the warm ones still wanted so they are the last to be dropped.
  for (const id of ids) touchWarm(id);
  pump();
};

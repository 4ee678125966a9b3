import { mediaUrl } from '../../../../shared/app.ts';
import { isWarm, markWarm, touchWarm } from './thumbWarmth.ts';

/**
 * Thumbnails fetched and decoded ahead of the scroll, so a row arrives with its pictures instead of empty cells.
 * Each is an Image that has been decode()d: Chromium decodes it off the main thread, and an <img> of the same URL in
 * the document is then complete the moment it is inserted (the document's list of available images). Hand-written:
 * what to fetch follows the grid's own scroll direction and window, which no image-loading library knows.
 */

/**
 * Fetches asked of the browser at once: eighteen, more than the six connections Chromium opens to one HTTP host (the
 * harness and the bench serve the app over HTTP; lagoon:// has no such cap), so the browser starts the next fetch the
 * moment a connection is free. With six, each connection waited for the main thread: during a fling an image's load
 * event ran 23–41 ms (median) after its bytes had arrived, and the grid fetched 75–105 thumbnails a second while ~125
 * entered its window. The overtaking that once made more than six costly (stale fetches held a fling's landing rows
 * back for seconds) is answered below: the rows in view are fetched at high priority, ahead of whatever is queued.
 */
export const IN_FLIGHT = 18;

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
/** Of `wanted`, the thumbnails of cells in view. */
let inView = new Set<string>();

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
    // The browser's queue for a host is ordered by priority: a cell in view overtakes fetches asked for earlier (during
    // a fling, for cells long passed), which an image that is not in the document does not cancel.
    if (inView.has(id)) image.fetchPriority = 'high';
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

/**
 * The thumbnails to have ready next, nearest first, the first `inViewCount` of them those of cells in view; replaces
 * what was wanted before (the scroll moved on). A fetch no longer wanted stops holding a slot: it still arrives and is
 * decoded (the browser goes on loading an image outside the document; removing its src cancelled none of ~850 in three
 * probed flings), but the fetches for where the scroll is now need not wait for it on the main thread.
 */
export const prefetchThumbs = (ids: readonly string[], inViewCount = 0): void => {
  const still = new Set(ids);
  for (const id of fetching) if (!still.has(id)) fetching.delete(id);
  inView = new Set(ids.slice(0, inViewCount));
  wanted = ids.filter((id) => !isWarm(id) && !pending.has(id));
  // Touch the warm ones still wanted so they are the last to be dropped.
  for (const id of ids) touchWarm(id);
  pump();
};

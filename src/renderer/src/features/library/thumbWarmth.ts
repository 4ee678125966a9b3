/**
 * Which thumbnails are fetched and decoded (thumbPrefetch.ts makes them so), and who waits for one. Kept apart from
 * the fetching, which needs the DOM: the grid's hooks only ask and listen.
 */

/** Decoded thumbnails kept (a few screens; each ~18 kB fetched, Chromium keeps or drops the decoded pixels itself). */
const WARM_LIMIT = 400;

/** Each warm thumbnail's decoded image, kept referenced so the document's list of available images keeps it. */
const warm = new Map<string, object>();
const waiting = new Map<string, Set<() => void>>();

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

/** `id` is decoded: kept (the oldest dropped past the limit), and whoever waited for it is told. */
export const markWarm = (id: string, decoded: object): void => {
  if (warm.size >= WARM_LIMIT) warm.delete(warm.keys().next().value!);
  warm.set(id, decoded);
  for (const listener of waiting.get(id) ?? []) listener();
  waiting.delete(id);
};

/** Still wanted: the last to be dropped. */
export const touchWarm = (id: string): void => {
  const decoded = warm.get(id);
  if (decoded) {
    warm.delete(id);
    warm.set(id, decoded);
  }
};

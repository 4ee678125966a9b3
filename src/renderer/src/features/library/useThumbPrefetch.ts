import { useEffect, useRef } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { prefetchThumbs } from './thumbPrefetch.ts';
import { whenIdle } from '../../lib/idle.ts';

/** Rows made ready beyond the window, in the direction of the scroll (a 40 px/frame scroll crosses ~13 rows a second). */
const ROWS_AHEAD = 6;
/** And behind it, for a reversal. */
const ROWS_BEHIND = 2;
/** The library's first screen (six columns of six rows at the default size, with room), made ready before it shows. */
const FIRST_SCREEN = 36;

/** The part of the results the grid shows, and how it moves. */
interface GridWindow {
  items: readonly ImageSummary[];
  /** Index in all the results of items[0]. */
  offset: number;
  /** First and last result in view. */
  first: number;
  last: number;
  columns: number;
  /**
   * The grid is being flung: only what a flung cell can still be seen with is fetched — the row about to enter, then
   * the window from its entering edge — and the wanted list is replaced at every move, so at most a few fetches
   * (IN_FLIGHT) are ever stale when the fling lands. (Prefetching six rows ahead on the way held the landing rows
   * back: every visible thumbnail 4.3 s after a 6,000 px/s fling stopped, against 0.8 s fetching nothing.)
   */
  flinging: boolean;
  /** Nothing is in view: the library view is hidden (another view is open) or not laid out yet. */
  hidden: boolean;
}

/** Indexes from `from` stepping by `step` (1 or -1), `count` of them. */
const run = (from: number, count: number, step: 1 | -1): number[] => Array.from({ length: Math.max(0, count) }, (_, i) => from + i * step);

/** During a fling: rows about to enter the window. */
const FLING_ROWS_AHEAD = 1;

/** During a fling, most useful first: the row about to enter, then the window from the edge it enters at. */
const flingOrder = ({ first, last, columns }: Pick<GridWindow, 'first' | 'last' | 'columns'>, down: boolean): number[] =>
  down
    ? [...run(last + 1, FLING_ROWS_AHEAD * columns, 1), ...run(last, last - first + 1, -1)]
    : [...run(first - 1, FLING_ROWS_AHEAD * columns, -1), ...run(first, last - first + 1, 1)];

/** The results to have ready, most useful first: the window, then the rows ahead, then a few behind. */
const prefetchOrder = ({ first, last, columns }: Pick<GridWindow, 'first' | 'last' | 'columns'>, down: boolean): number[] => {
  const step = down ? 1 : -1;
  const [near, far] = down ? [first, last] : [last, first];
  return [...run(near, last - first + 1, step), ...run(far + step, ROWS_AHEAD * columns, step), ...run(near - step, ROWS_BEHIND * columns, -step as 1 | -1)];
};

/**
 * Asks for the thumbnails around the window, ahead of the scroll direction first, whenever the window moves. While
 * the library is hidden, its first screen is made ready once the window is idle, so opening the library paints
 * thumbnails at once instead of fetching them then.
 */
export const useThumbPrefetch = (grid: GridWindow): void => {
  const { items, offset, first, last, columns, flinging, hidden } = grid;
  const previous = useRef(first);
  useEffect(() => {
    if (hidden) return offset === 0 && items.length > 0 ? whenIdle(() => prefetchFirstScreen(items), 2000, 200) : undefined;
    const down = first >= previous.current;
    previous.current = first;
    const order = flinging ? flingOrder({ first, last, columns }, down) : prefetchOrder({ first, last, columns }, down);
    prefetchThumbs(idsOf(order.map((i) => items[i - offset])));
    return undefined;
  }, [items, offset, first, last, columns, flinging, hidden]);
};

/** Makes the first screen of `results` (the first page's, in grid order) ready before the grid shows it. */
export const prefetchFirstScreen = (results: readonly ImageSummary[]): void => prefetchThumbs(idsOf(results.slice(0, FIRST_SCREEN)));

/** The ids of results `first` to `last` (indexes in all the results) that have a thumbnail to show. */
export const thumbIds = (items: readonly ImageSummary[], offset: number, first: number, last: number): string[] =>
  first > last ? [] : idsOf(items.slice(Math.max(0, first - offset), Math.max(0, last - offset + 1)));

/** The ids of the results with a file to show (a missing file has no thumbnail to fetch). */
const idsOf = (results: readonly (ImageSummary | undefined)[]): string[] =>
  results.flatMap((item) => (item && !item.fileMissing ? [item.id] : []));


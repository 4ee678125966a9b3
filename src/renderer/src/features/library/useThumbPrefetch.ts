import { useEffect, useRef } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { prefetchThumbs } from './thumbPrefetch.ts';

/** Rows made ready beyond the window, in the direction of the scroll (a 40 px/frame scroll crosses ~13 rows a second). */
const ROWS_AHEAD = 6;
/** And behind it, for a reversal. */
const ROWS_BEHIND = 2;

interface Window {
  items: readonly ImageSummary[];
  /** Index in all the results of items[0]. */
  offset: number;
  /** First and last result in view. */
  first: number;
  last: number;
  columns: number;
  /** During a fling nothing is fetched: where it lands is unknown, and fetches on the way would hold up the landing rows. */
  flinging: boolean;
}

/** Asks for the thumbnails just beyond the window, ahead of the scroll direction first, whenever the window moves. */
export const useThumbPrefetch = ({ items, offset, first, last, columns, flinging }: Window): void => {
  const previous = useRef(first);
  useEffect(() => {
    const down = first >= previous.current;
    previous.current = first;
    if (flinging) {
      prefetchThumbs([]);
      return;
    }
    const ahead = ROWS_AHEAD * columns;
    const behind = ROWS_BEHIND * columns;
    const order: number[] = [];
    for (let i = first; i <= last; i++) order.push(i);
    if (down) {
      for (let i = last + 1; i <= last + ahead; i++) order.push(i);
      for (let i = first - 1; i >= first - behind; i--) order.push(i);
    } else {
      for (let i = first - 1; i >= first - ahead; i--) order.push(i);
      for (let i = last + 1; i <= last + behind; i++) order.push(i);
    }
    const ids: string[] = [];
    for (const i of order) {
      const item = items[i - offset];
      if (item && !item.fileMissing) ids.push(item.id);
    }
    prefetchThumbs(ids);
  }, [items, offset, first, last, columns, flinging]);
};

import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useDebouncedCallback } from 'use-debounce';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { subscribe } from '../../api.ts';
import { SearchList, type SearchSnapshot } from './searchList.ts';

/** The most ids one bulk action takes (the contract's limit), and so the most "select all" gathers. */
export const MAX_BULK = 10_000;

export interface ImageSearch extends SearchSnapshot {
  hasMore: boolean;
  loadMore: () => void;
  /** The list becomes the page at this position (a drag far from the loaded pages). */
  jumpTo: (position: number) => void;
  /** The page before the loaded run (scrolling up after a jump). */
  loadBefore: () => void;
  reload: () => void;
  /** Loads pages until `n` items are in hand (or the results end): "select all" and the viewer's last arrow use it. */
  loadUpTo: (n: number) => Promise<readonly ImageSummary[]>;
  patch: (ids: readonly string[], change: Partial<ImageSummary>) => void;
  remove: (ids: readonly string[]) => void;
  refreshCount: () => void;
}

/** The current query's results for the grid: a SearchList (the paging rules) bound to React and to `images.changed`. */
export const useImageSearch = (query: ImageQuery): ImageSearch => {
  const [list] = useState(() => new SearchList());
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  // Once per burst of changes, and at least every second while images keep arriving (an import adds one every few
  // hundred milliseconds: a plain debounce never fired, and the header said "0 images" over a filling grid).
  const refreshCountSoon = useDebouncedCallback(list.refreshCount, 250, { maxWait: 1000 });

  // The caller memoises the query, so a new object means a new question (or the same place chosen again: a refresh).
  useEffect(() => list.setQuery(query), [list, query]);

  useEffect(
    () =>
      subscribe('images.changed', (change) => {
        list.applyChange(change);
        refreshCountSoon();
      }),
    [list, refreshCountSoon],
  );

  return useMemo(
    () => ({ ...snapshot, hasMore: snapshot.nextCursor !== null, loadMore: list.loadMore, jumpTo: list.jumpTo, loadBefore: list.loadBefore, reload: list.reload, loadUpTo: list.loadUpTo, patch: list.patch, remove: list.remove, refreshCount: list.refreshCount }),
    [snapshot, list],
  );
};

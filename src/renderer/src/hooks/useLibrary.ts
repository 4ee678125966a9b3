import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImagesChanged, ImageSummary } from '../../../shared/ipc/schemas/images.ts';
import { type ApiError, call, subscribe, toApiError } from '../api.ts';

export const LIBRARY_PAGE_SIZE = 60;

interface Snapshot {
  items: readonly ImageSummary[];
  nextCursor: string | null;
  /** False until the first page has answered (or failed). */
  loaded: boolean;
  loadingMore: boolean;
  error: ApiError | null;
}

export interface LibraryState extends Snapshot {
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

const EMPTY: Snapshot = { items: [], nextCursor: null, loaded: false, loadingMore: false, error: null };

const withoutKnown = (items: readonly ImageSummary[], known: readonly ImageSummary[]): ImageSummary[] => {
  const ids = new Set(known.map((i) => i.id));
  return items.filter((i) => !ids.has(i.id));
};

/**
 * The library, newest first, one keyset page at a time. Every request carries the "epoch" it was made in; a reload
 * or a change event starts a new epoch, so a page that arrives late cannot splice stale rows into the list.
 */
export const useLibrary = (): LibraryState => {
  const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY);
  // The source of truth for callbacks (which must not read state captured in an older render); state mirrors it.
  const latest = useRef<Snapshot>(EMPTY);
  const epoch = useRef(0);

  const commit = useCallback((patch: Partial<Snapshot>) => {
    latest.current = { ...latest.current, ...patch };
    setSnapshot(latest.current);
  }, []);

  const fetchFirstPage = useCallback((): Promise<void> => {
    const mine = ++epoch.current;
    return call('images.list', { cursor: null, limit: LIBRARY_PAGE_SIZE }).then(
      (page) => {
        if (mine === epoch.current) commit({ items: page.items, nextCursor: page.nextCursor, loaded: true, loadingMore: false, error: null });
      },
      (e: unknown) => {
        if (mine === epoch.current) commit({ loaded: true, loadingMore: false, error: toApiError(e) });
      },
    );
  }, [commit]);

  const loadMore = useCallback(() => {
    const { loaded, nextCursor, loadingMore } = latest.current;
    if (!loaded || nextCursor === null || loadingMore) return;
    const mine = epoch.current;
    commit({ loadingMore: true });
    call('images.list', { cursor: nextCursor, limit: LIBRARY_PAGE_SIZE }).then(
      (page) => {
        if (mine !== epoch.current) return;
        const { items } = latest.current;
        commit({ items: [...items, ...withoutKnown(page.items, items)], nextCursor: page.nextCursor, loadingMore: false, error: null });
      },
      (e: unknown) => {
        if (mine === epoch.current) commit({ loadingMore: false, error: toApiError(e) });
      },
    );
  }, [commit]);

  // New images are the newest, so they are on the first page: prepend them and keep the tail already loaded,
  // unless the whole first page is new, in which case there may be a gap and starting over is simpler.
  const onAdded = useCallback(() => {
    const mine = ++epoch.current;
    call('images.list', { cursor: null, limit: LIBRARY_PAGE_SIZE }).then(
      (page) => {
        if (mine !== epoch.current) return;
        const fresh = withoutKnown(page.items, latest.current.items);
        if (fresh.length === page.items.length) {
          commit({ items: page.items, nextCursor: page.nextCursor, loaded: true, loadingMore: false, error: null });
        } else {
          commit({ items: [...fresh, ...latest.current.items], loadingMore: false, error: null });
        }
      },
      () => {
        if (mine === epoch.current) void fetchFirstPage();
      },
    );
  }, [commit, fetchFirstPage]);

  const onChanged = useCallback(
    (change: ImagesChanged) => {
      if (change.reason === 'added') onAdded();
      else if (change.reason === 'updated') void fetchFirstPage();
      else {
        const gone = new Set(change.ids);
        commit({ items: latest.current.items.filter((i) => !gone.has(i.id)) });
      }
    },
    [commit, fetchFirstPage, onAdded],
  );

  useEffect(() => {
    void fetchFirstPage();
    return subscribe('images.changed', onChanged);
  }, [fetchFirstPage, onChanged]);

  const reload = useCallback(() => void fetchFirstPage(), [fetchFirstPage]);

  return { ...snapshot, hasMore: snapshot.nextCursor !== null, loadMore, reload };
};

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImagesChanged, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, subscribe, toApiError } from '../../api.ts';
import type { Range } from '../../ui/highlight.ts';
import { toSummary } from './summary.ts';
import { useDebouncedCallback } from '../../hooks/useDebouncedCallback.ts';

/** Small first page so the grid paints at once; bigger pages after, so scrolling far asks main less often. */
export const FIRST_PAGE = 120;
export const NEXT_PAGE = 400;
/** The most ids one bulk action takes (the contract's limit), and so the most "select all" gathers. */
export const MAX_BULK = 10_000;
/** Changed images refetched one by one to refresh their tiles; beyond this the local patch has to do. */
const REFRESH_LIMIT = 60;

interface Snapshot {
  items: readonly ImageSummary[];
  highlights: ReadonlyMap<string, readonly Range[]>;
  nextCursor: string | null;
  /** False until the first answer for the current query (or its failure). */
  loaded: boolean;
  /** A newer query is on its way; the previous results stay on screen until it answers. */
  searching: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  count: number | null;
  /** Bumps when a new query's results replace the list, so the grid can go back to the top. */
  generation: number;
  /** Every model name seen in any answer this session: choices for the model filter that do not vanish when a
   *  search narrows the results (there is no route listing the library's models). */
  models: ReadonlySet<string>;
}

export interface ImageSearch extends Snapshot {
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Loads pages until `n` items are in hand (or the results end): "select all" and the viewer's last arrow use it. */
  loadUpTo: (n: number) => Promise<readonly ImageSummary[]>;
  patch: (ids: readonly string[], change: Partial<ImageSummary>) => void;
  remove: (ids: readonly string[]) => void;
  refreshCount: () => void;
}

const EMPTY: Snapshot = {
  items: [],
  highlights: new Map(),
  nextCursor: null,
  loaded: false,
  searching: false,
  loadingMore: false,
  error: null,
  count: null,
  generation: 0,
  models: new Set(),
};

const withModels = (known: ReadonlySet<string>, items: readonly ImageSummary[]): ReadonlySet<string> => {
  if (items.every((i) => known.has(i.model))) return known;
  return new Set([...known, ...items.map((i) => i.model)]);
};

const addHighlights = (known: ReadonlyMap<string, readonly Range[]>, page: Record<string, [number, number][]>) => {
  const next = new Map(known);
  for (const [id, ranges] of Object.entries(page)) next.set(id, ranges);
  return next;
};

/**
 * The current query's results, one keyset page at a time. Every request carries the epoch it was made in; a new
 * query, a reload or a change event starts a new one, so an answer that arrives late (a keystroke ago) is dropped
 * instead of splicing stale rows into the list. IPC calls cannot be aborted; ignoring them is the cancellation.
 */
export const useImageSearch = (query: ImageQuery): ImageSearch => {
  const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY);
  const latest = useRef<Snapshot>(EMPTY);
  const epoch = useRef(0);
  // While a first page is on its way, the cursor in hand belongs to the list it will replace: no next page then.
  const firstPending = useRef(false);
  const countEpoch = useRef(0);
  // What later pages and refreshes ask for: the query of the current epoch, set when that epoch starts.
  const queryRef = useRef(query);

  const commit = useCallback((patch: Partial<Snapshot>) => {
    latest.current = { ...latest.current, ...patch };
    setSnapshot(latest.current);
  }, []);

  const refreshCount = useCallback(() => {
    const mine = ++countEpoch.current;
    call('images.count', { query: queryRef.current }).then(
      ({ count }) => mine === countEpoch.current && commit({ count }),
      () => mine === countEpoch.current && commit({ count: null }),
    );
  }, [commit]);

  const fetchFirstPage = useCallback(
    (newQuery: boolean): Promise<void> => {
      const mine = ++epoch.current;
      firstPending.current = true;
      if (newQuery) commit({ searching: true });
      return call('images.search', { query: queryRef.current, cursor: null, limit: FIRST_PAGE }).then(
        (page) => {
          if (mine !== epoch.current) return;
          firstPending.current = false;
          commit({
            items: page.items,
            highlights: addHighlights(new Map(), page.highlights),
            nextCursor: page.nextCursor,
            loaded: true,
            searching: false,
            loadingMore: false,
            error: null,
            generation: latest.current.generation + (newQuery ? 1 : 0),
            models: withModels(latest.current.models, page.items),
          });
        },
        (e: unknown) => {
          if (mine !== epoch.current) return;
          firstPending.current = false;
          commit({ loaded: true, searching: false, loadingMore: false, error: toApiError(e) });
        },
      );
    },
    [commit],
  );

  const fetchNext = useCallback((): Promise<boolean> => {
    const { loaded, nextCursor, loadingMore } = latest.current;
    if (!loaded || nextCursor === null || loadingMore || firstPending.current) return Promise.resolve(false);
    const mine = epoch.current;
    commit({ loadingMore: true });
    return call('images.search', { query: queryRef.current, cursor: nextCursor, limit: NEXT_PAGE }).then(
      (page) => {
        if (mine !== epoch.current) return false;
        const { items, highlights } = latest.current;
        const known = new Set(items.map((i) => i.id));
        const fresh = page.items.filter((i) => !known.has(i.id));
        commit({
          items: [...items, ...fresh],
          highlights: addHighlights(highlights, page.highlights),
          nextCursor: page.nextCursor,
          loadingMore: false,
          error: null,
          models: withModels(latest.current.models, fresh),
        });
        return true;
      },
      (e: unknown) => {
        if (mine === epoch.current) commit({ loadingMore: false, error: toApiError(e) });
        return false;
      },
    );
  }, [commit]);

  const loadMore = useCallback(() => void fetchNext(), [fetchNext]);

  const loadUpTo = useCallback(
    async (n: number) => {
      const mine = epoch.current;
      while (latest.current.items.length < n && latest.current.nextCursor !== null && mine === epoch.current) {
        // Another page may be in flight already (the grid's prefetch): wait for it rather than skipping ahead.
        if (latest.current.loadingMore) await new Promise((r) => setTimeout(r, 30));
        else if (!(await fetchNext())) break;
      }
      return latest.current.items;
    },
    [fetchNext],
  );

  const patch = useCallback(
    (ids: readonly string[], change: Partial<ImageSummary>) => {
      const set = new Set(ids);
      commit({ items: latest.current.items.map((i) => (set.has(i.id) ? { ...i, ...change } : i)) });
    },
    [commit],
  );

  const remove = useCallback(
    (ids: readonly string[]) => {
      const set = new Set(ids);
      const before = latest.current.items.length;
      const items = latest.current.items.filter((i) => !set.has(i.id));
      const count = latest.current.count;
      commit({ items, count: count === null ? null : Math.max(0, count - (before - items.length)) });
    },
    [commit],
  );

  // Tiles of images changed elsewhere (the viewer, another window, the CLI's effect after a restart) are refreshed
  // in place, so the list keeps its scroll position and the pages already loaded.
  const refreshItems = useCallback(
    (ids: readonly string[]) => {
      const loaded = new Set(latest.current.items.map((i) => i.id));
      const mine = ids.filter((id) => loaded.has(id));
      if (mine.length === 0 || mine.length > REFRESH_LIMIT) return;
      const at = epoch.current;
      void Promise.allSettled(mine.map((id) => call('images.get', { id }))).then((results) => {
        if (at !== epoch.current) return;
        const fresh = new Map<string, ImageSummary>();
        for (const r of results) if (r.status === 'fulfilled') fresh.set(r.value.id, toSummary(r.value));
        commit({ items: latest.current.items.map((i) => fresh.get(i.id) ?? i) });
      });
    },
    [commit],
  );

  // Not a new epoch: pages being loaded still belong to this list (new ones are deduplicated by id).
  const prependNew = useCallback(async () => {
    const mine = epoch.current;
    try {
      const page = await call('images.search', { query: queryRef.current, cursor: null, limit: FIRST_PAGE });
      if (mine !== epoch.current) return;
      const known = new Set(latest.current.items.map((i) => i.id));
      const fresh = page.items.filter((i) => !known.has(i.id));
      const highlights = addHighlights(latest.current.highlights, page.highlights);
      const models = withModels(latest.current.models, page.items);
      // If the whole first page is new there may be a gap behind it: start over from this page instead.
      if (fresh.length === page.items.length) {
        epoch.current += 1;
        commit({ items: page.items, highlights, models, nextCursor: page.nextCursor, loaded: true, loadingMore: false, error: null });
      }
      else if (fresh.length > 0) commit({ items: [...fresh, ...latest.current.items], highlights, models });
    } catch {
      if (mine === epoch.current) void fetchFirstPage(false);
    }
  }, [commit, fetchFirstPage]);

  const refreshCountSoon = useDebouncedCallback(refreshCount, 250);
  const onChanged = useCallback(
    (change: ImagesChanged) => {
      if (change.reason === 'removed') remove(change.ids);
      else if (change.reason === 'updated') refreshItems(change.ids);
      else if (latest.current.nextCursor === null || (queryRef.current.sort ?? 'newest') === 'newest') {
        // New images sort first by date; in other orders they belong at the end, which paging reaches anyway,
        // unless the list is complete: then it is simply asked again.
        void prependNew();
      }
      refreshCountSoon();
    },
    [remove, refreshItems, refreshCountSoon, prependNew],
  );

  // The caller memoises the query, so a new object means a new question (or the same place chosen again: a refresh).
  useEffect(() => {
    queryRef.current = query;
    void fetchFirstPage(true);
    refreshCount();
  }, [query, fetchFirstPage, refreshCount]);

  useEffect(() => subscribe('images.changed', onChanged), [onChanged]);

  const reload = useCallback(() => {
    void fetchFirstPage(false);
    refreshCount();
  }, [fetchFirstPage, refreshCount]);

  return { ...snapshot, hasMore: snapshot.nextCursor !== null, loadMore, reload, loadUpTo, patch, remove, refreshCount };
};

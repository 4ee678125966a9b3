import type { ImagesChanged, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { call, toApiError } from '../../api.ts';
import { FIRST_PAGE, takeFirstPageEarly } from './earlyFirstPage.ts';
import { addHighlights, EMPTY, type SearchSnapshot, withModels } from './searchSnapshot.ts';
import { toSummary } from './summary.ts';

export type { SearchSnapshot } from './searchSnapshot.ts';

/** Bigger pages after the first, so scrolling far asks main less often. */
const NEXT_PAGE = 400;
/** Changed images refetched one by one to refresh their tiles; beyond this the local patch has to do. */
const REFRESH_LIMIT = 60;

/**
 * The current query's results, one keyset page at a time. Every request carries the epoch it was made in; a new
 * query, a reload or a change event starts a new one, so an answer that arrives late (a keystroke ago) is dropped
 * instead of splicing stale rows into the list. IPC calls cannot be aborted; ignoring them is the cancellation.
 * Plain TypeScript behind a subscribe/snapshot pair (useImageSearch binds it to React): the grid's random-access
 * paging keeps its own rules here rather than in a generic request cache.
 */
export class SearchList {
  private latest: SearchSnapshot = EMPTY;
  private epoch = 0;
  // While a first page (or a jump) is on its way, the cursor in hand belongs to the list it will replace: no next page then.
  private firstPending = false;
  private loadingBefore = false;
  private countEpoch = 0;
  // What later pages and refreshes ask for: the query of the current epoch, set when that epoch starts.
  private query: ImageQuery = {};
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SearchSnapshot => this.latest;

  private commit(patch: Partial<SearchSnapshot>): void {
    this.latest = { ...this.latest, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** A new question (or the same place chosen again: a refresh). */
  readonly setQuery = (query: ImageQuery): void => {
    this.query = query;
    void this.fetchFirstPage(true);
    this.refreshCount();
  };

  readonly reload = (): void => {
    void this.fetchFirstPage(false);
    this.refreshCount();
  };

  readonly refreshCount = (): void => {
    const mine = ++this.countEpoch;
    call('images.count', { query: this.query }).then(
      ({ count }) => mine === this.countEpoch && this.commit({ count }),
      () => mine === this.countEpoch && this.commit({ count: null }),
    );
  };

  private fetchFirstPage(newQuery: boolean): Promise<void> {
    const mine = ++this.epoch;
    this.firstPending = true;
    if (newQuery) this.commit({ searching: true });
    // The window's opening question may have been asked before the view rendered (earlyFirstPage.ts).
    const asked = (newQuery && takeFirstPageEarly(this.query)) || call('images.search', { query: this.query, cursor: null, limit: FIRST_PAGE });
    return asked.then(
      (page) => {
        if (mine !== this.epoch) return;
        this.firstPending = false;
        this.commit({
          items: page.items,
          offset: 0,
          jumping: false,
          highlights: addHighlights(new Map(), page.highlights),
          nextCursor: page.nextCursor,
          loaded: true,
          searching: false,
          loadingMore: false,
          error: null,
          generation: this.latest.generation + (newQuery ? 1 : 0),
          models: withModels(this.latest.models, page.items),
        });
      },
      (e: unknown) => {
        if (mine !== this.epoch) return;
        this.firstPending = false;
        this.commit({ loaded: true, searching: false, loadingMore: false, jumping: false, error: toApiError(e) });
      },
    );
  }

  /** The page `limit` long that starts at result `position`, found by images.seek without walking the pages before it. */
  private async pageAt(position: number, limit: number) {
    const { cursor, pastEnd } = position === 0 ? { cursor: null, pastEnd: false } : await call('images.seek', { query: this.query, offset: position });
    return pastEnd ? null : call('images.search', { query: this.query, cursor, limit });
  }

  /**
   * The grid was dragged (scrollbar, date scrubber) far from the loaded pages: the list becomes the page at
   * `position` and grows from there. The pages left behind are dropped (at a million images they would not fit), and
   * so is the selection of images no longer listed.
   */
  readonly jumpTo = (position: number): void => {
    const mine = ++this.epoch;
    this.firstPending = true;
    this.loadingBefore = false;
    this.commit({ jumping: true, loadingMore: false });
    this.pageAt(Math.max(0, position), FIRST_PAGE).then(
      (page) => {
        if (mine !== this.epoch) return;
        this.firstPending = false;
        if (!page) {
          // Fewer results than the position (some went meanwhile): the count follows, and the grid asks again.
          this.commit({ jumping: false });
          this.refreshCount();
          return;
        }
        this.commit({
          items: page.items,
          offset: Math.max(0, position),
          jumping: false,
          highlights: addHighlights(new Map(), page.highlights),
          nextCursor: page.nextCursor,
          error: null,
          models: withModels(this.latest.models, page.items),
        });
      },
      (e: unknown) => {
        if (mine !== this.epoch) return;
        this.firstPending = false;
        this.commit({ jumping: false, error: toApiError(e) });
      },
    );
  };

  /** After a jump, scrolling back up: the page just before the loaded run, prepended (also found by a seek). */
  readonly loadBefore = (): void => {
    const { offset, loaded, jumping } = this.latest;
    if (offset === 0 || !loaded || jumping || this.loadingBefore || this.firstPending) return;
    const mine = this.epoch;
    const start = Math.max(0, offset - NEXT_PAGE);
    this.loadingBefore = true;
    this.pageAt(start, offset - start).then(
      (page) => {
        if (mine !== this.epoch) return;
        this.loadingBefore = false;
        if (!page) return;
        const known = new Set(this.latest.items.map((i) => i.id));
        const fresh = page.items.filter((i) => !known.has(i.id));
        this.commit({
          items: [...fresh, ...this.latest.items],
          offset: this.latest.offset - fresh.length,
          highlights: addHighlights(this.latest.highlights, page.highlights),
          models: withModels(this.latest.models, fresh),
        });
      },
      (e: unknown) => {
        if (mine !== this.epoch) return;
        this.loadingBefore = false;
        this.commit({ error: toApiError(e) });
      },
    );
  };

  private fetchNext(): Promise<boolean> {
    const { loaded, nextCursor, loadingMore } = this.latest;
    if (!loaded || nextCursor === null || loadingMore || this.firstPending) return Promise.resolve(false);
    const mine = this.epoch;
    this.commit({ loadingMore: true });
    return call('images.search', { query: this.query, cursor: nextCursor, limit: NEXT_PAGE }).then(
      (page) => {
        if (mine !== this.epoch) return false;
        const { items, highlights } = this.latest;
        const known = new Set(items.map((i) => i.id));
        const fresh = page.items.filter((i) => !known.has(i.id));
        this.commit({
          items: [...items, ...fresh],
          highlights: addHighlights(highlights, page.highlights),
          nextCursor: page.nextCursor,
          loadingMore: false,
          error: null,
          models: withModels(this.latest.models, fresh),
        });
        return true;
      },
      (e: unknown) => {
        if (mine === this.epoch) this.commit({ loadingMore: false, error: toApiError(e) });
        return false;
      },
    );
  }

  readonly loadMore = (): void => void this.fetchNext();

  /** Loads pages until `n` items are in hand (or the results end): "select all" and the viewer's last arrow use it. */
  readonly loadUpTo = async (n: number): Promise<readonly ImageSummary[]> => {
    const mine = this.epoch;
    while (this.latest.items.length < n && this.latest.nextCursor !== null && mine === this.epoch) {
      // Another page may be in flight already (the grid's prefetch): wait for it rather than skipping ahead.
      if (this.latest.loadingMore) await new Promise((r) => setTimeout(r, 30));
      else if (!(await this.fetchNext())) break;
    }
    return this.latest.items;
  };

  readonly patch = (ids: readonly string[], change: Partial<ImageSummary>): void => {
    const set = new Set(ids);
    this.commit({ items: this.latest.items.map((i) => (set.has(i.id) ? { ...i, ...change } : i)) });
  };

  readonly remove = (ids: readonly string[]): void => {
    const set = new Set(ids);
    const before = this.latest.items.length;
    const items = this.latest.items.filter((i) => !set.has(i.id));
    const count = this.latest.count;
    this.commit({ items, count: count === null ? null : Math.max(0, count - (before - items.length)) });
  };

  /** An `images.changed` event: the list follows it in place (the count is the caller's, debounced). */
  readonly applyChange = (change: ImagesChanged): void => {
    if (change.reason === 'removed') this.remove(change.ids);
    else if (change.reason === 'updated') this.refreshItems(change.ids);
    // After a jump the top of the list is not loaded: the new images are counted (the scrollbar grows) and reached by
    // scrolling or jumping back up.
    else if (this.latest.offset > 0) return;
    else if (this.latest.nextCursor === null || (this.query.sort ?? 'newest') === 'newest') {
      // New images sort first by date; in other orders they belong at the end, which paging reaches anyway,
      // unless the list is complete: then it is simply asked again.
      void this.prependNew();
    }
  };

  // Tiles of images changed elsewhere (the viewer, another window, the CLI's effect after a restart) are refreshed
  // in place, so the list keeps its scroll position and the pages already loaded.
  private refreshItems(ids: readonly string[]): void {
    const loaded = new Set(this.latest.items.map((i) => i.id));
    const mine = ids.filter((id) => loaded.has(id));
    if (mine.length === 0 || mine.length > REFRESH_LIMIT) return;
    const at = this.epoch;
    void Promise.allSettled(mine.map((id) => call('images.get', { id }))).then((results) => {
      if (at !== this.epoch) return;
      const fresh = new Map<string, ImageSummary>();
      for (const r of results) if (r.status === 'fulfilled') fresh.set(r.value.id, toSummary(r.value));
      this.commit({ items: this.latest.items.map((i) => fresh.get(i.id) ?? i) });
    });
  }

  // Not a new epoch: pages being loaded still belong to this list (new ones are deduplicated by id).
  private async prependNew(): Promise<void> {
    const mine = this.epoch;
    try {
      const page = await call('images.search', { query: this.query, cursor: null, limit: FIRST_PAGE });
      if (mine !== this.epoch) return;
      const known = new Set(this.latest.items.map((i) => i.id));
      const fresh = page.items.filter((i) => !known.has(i.id));
      const highlights = addHighlights(this.latest.highlights, page.highlights);
      const models = withModels(this.latest.models, page.items);
      // If the whole first page is new there may be a gap behind it: start over from this page instead.
      if (fresh.length === page.items.length) {
        this.epoch += 1;
        this.commit({ items: page.items, highlights, models, nextCursor: page.nextCursor, loaded: true, loadingMore: false, error: null });
      } else if (fresh.length > 0) this.commit({ items: [...fresh, ...this.latest.items], highlights, models });
    } catch {
      if (mine === this.epoch) void this.fetchFirstPage(false);
    }
  }
}

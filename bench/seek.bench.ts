import type { Core } from '../src/main/core/createCore.ts';
import type { ImageQuery } from '../src/shared/ipc/schemas/library.ts';
import { benchRequestContext, openBenchCore } from './benchCore.ts';
import { type Figure, fileSystemOf, median, percentile } from './measure.ts';
import { PAGE_SIZES } from './pageSizes.ts';
import { syntheticLibrary } from './syntheticLibrary.ts';

/** Where a scrollbar drag or the date scrubber lets go, as a share of the results. */
const POSITIONS = [0.1, 0.25, 0.5, 0.75, 0.9, 0.999];
const REPEATS = 3;

/** Every order the grid offers, and a filtered search (words and a filter: FTS5 drives). */
const SORTS: ReadonlyArray<[string, ImageQuery]> = [
  ['newest', {}],
  ['oldest', { sort: 'oldest' }],
  ['rating', { sort: 'rating' }],
  ['filtered_search', { text: 'portrait', favorite: false }],
  ['filtered_search_rating', { text: 'fox', minRating: 1, sort: 'rating' }],
];

const call = async <T>(core: Core, route: string, input: unknown): Promise<T> => {
  const result = await core.dispatch(route as never, input as never, benchRequestContext);
  if (!result.ok) throw new Error(`${route} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
};

/**
 * What the core contributes to "first thumbnail after the drag stops" at 1M: images.seek to the position, then the
 * page from its cursor, through the IPC route as the renderer calls them. The thumbnails' own load and decode are the
 * renderer's part (grid_settle_ms_100k). The figure is the worst sort's p95.
 */
export const gridJump1m = async (): Promise<Figure> => {
  const lib = await syntheticLibrary({ count: 1_000_000 });
  const core = await openBenchCore(lib.dataDir);
  try {
    const bySort: Record<string, { p95_ms: number; median_ms: number; results: number }> = {};
    for (const [name, query] of SORTS) {
      const { count } = await call<{ count: number }>(core, 'images.count', { query });
      const samples: number[] = [];
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        for (const share of POSITIONS) {
          const offset = Math.floor(count * share);
          const start = performance.now();
          const { cursor } = await call<{ cursor: string | null }>(core, 'images.seek', { query, offset });
          const page = await call<{ items: unknown[] }>(core, 'images.search', { query, cursor, limit: PAGE_SIZES.first });
          samples.push(performance.now() - start);
          if (count - offset >= PAGE_SIZES.first && page.items.length !== PAGE_SIZES.first) throw new Error(`a jump in ${name} came back short`);
        }
      }
      bySort[name] = { p95_ms: percentile(samples, 95), median_ms: median(samples), results: count };
    }
    const value = Math.max(...Object.values(bySort).map((s) => s.p95_ms));
    return {
      name: 'grid_jump_ms_1m',
      value,
      goal: '<= 150',
      met: value <= 150,
      measures: 'images.seek + the page from its cursor through the route, worst sort p95; thumbnails are grid_settle_ms_100k',
      by_sort: bySort,
      positions: POSITIONS,
      page: PAGE_SIZES.first,
      images: lib.count,
      file_system: fileSystemOf(lib.dataDir),
      measured_at: new Date().toISOString(),
    };
  } finally {
    await core.shutdown();
  }
};

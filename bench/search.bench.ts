import type Database from 'better-sqlite3';
import type { Core } from '../src/main/core/createCore.ts';
import { closeDatabase, openDatabase } from '../src/main/core/db/openDatabase.ts';
import { searchImages } from '../src/main/core/library/search/searchImages.ts';
import type { ImageQuery } from '../src/shared/ipc/schemas/library.ts';
import { benchRequestContext, openBenchCore } from './benchCore.ts';
import { compare, type Figure, fileSystemOf, median, percentile } from './measure.ts';
import { PAGE_SIZES } from './pageSizes.ts';
import { queryKind, searchQueryMix } from './searchQueries.ts';
import { createReplayer, type RecordedCall, recordingConnection } from './sqlRecorder.ts';
import { type SyntheticLibrary, syntheticLibrary } from './syntheticLibrary.ts';
import { createRandom } from './syntheticRows.ts';

/** OR and words left out: the search syntax's part of the query mix. */
const isSyntax = (q: ImageQuery): boolean => /^(or|word-left-out)/u.test(queryKind(q));

const PAGE = PAGE_SIZES.first;
const PASSES = Number(process.env.BENCH_SEARCH_PASSES ?? 3);
const RATIO_RUNS = Number(process.env.BENCH_RUNS ?? 10);
const COLD_OPENS = 5;

const libraryDetails = (lib: SyntheticLibrary) => ({
  images: lib.count,
  db_mb: lib.dbBytes / 2 ** 20,
  library_cached: lib.cached,
  library_generation_ms: lib.generationMs,
  file_system: fileSystemOf(lib.dataDir),
});

const timeSync = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

const search = (core: Core, query: ImageQuery, cursor: string | null = null) =>
  core.dispatch('images.search', { query, cursor, limit: PAGE }, benchRequestContext);

/** p95 of the core search (searchImages on the app's own connection settings) over the query mix, warm. */
const searchP95 = (db: Database.Database, queries: ImageQuery[], lib: SyntheticLibrary): Figure => {
  const firstPass = queries.map((q) => timeSync(() => searchImages(db, q, { limit: PAGE })));
  const perQuery = queries.map(() => [] as number[]);
  const random = createRandom(7);
  for (let pass = 0; pass < PASSES; pass++) {
    // A different order each pass, so no query always runs right after the one that warmed its pages.
    const order = queries.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) perQuery[i]!.push(timeSync(() => searchImages(db, queries[i]!, { limit: PAGE })));
  }
  const samples = perQuery.flat();
  const byKind = new Map<string, number[]>();
  queries.forEach((q, i) => byKind.set(queryKind(q), [...(byKind.get(queryKind(q)) ?? []), ...perQuery[i]!]));
  const kinds = [...byKind].map(([kind, ms]) => ({ kind, n: ms.length / PASSES, p95_ms: percentile(ms, 95) })).toSorted((a, b) => b.p95_ms - a.p95_ms);
  const slowest = queries
    .map((q, i) => ({ query: q, median_ms: median(perQuery[i]!), items: searchImages(db, q, { limit: PAGE }).items.length }))
    .toSorted((a, b) => b.median_ms - a.median_ms)
    .slice(0, 6);
  const results = queries.map((q) => searchImages(db, q, { limit: PAGE }).items.length);
  const value = percentile(samples, 95);
  // The search syntax's share of the mix (OR, words left out), and the plain words beside it, in the same run.
  const syntaxSamples = queries.flatMap((q, i) => (isSyntax(q) ? perQuery[i]! : []));
  const plainSamples = queries.flatMap((q, i) => (q.text !== undefined && !isSyntax(q) ? perQuery[i]! : []));
  return {
    name: 'search_p95_ms_1m',
    value,
    goal: '<= 15',
    met: value <= 15,
    p50_ms: percentile(samples, 50),
    p99_ms: percentile(samples, 99),
    max_ms: Math.max(...samples),
    first_pass_p95_ms: percentile(firstPass, 95),
    syntax_p95_ms: percentile(syntaxSamples, 95),
    plain_words_p95_ms: percentile(plainSamples, 95),
    queries: queries.length,
    samples: samples.length,
    page: PAGE,
    full_pages: results.filter((n) => n === PAGE).length,
    empty_results: results.filter((n) => n === 0).length,
    slowest_kinds: kinds.slice(0, 6),
    slowest_queries: slowest,
    ...libraryDetails(lib),
  };
};

/** The IPC route (router + zod + handler + mapping) against the very statements the core ran, replayed bare. */
const searchRouteOverheadVsSameSql = async (db: Database.Database, core: Core, queries: ImageQuery[], lib: SyntheticLibrary): Promise<Figure> => {
  const recorded: RecordedCall[][] = queries.map((q) => {
    const recorder = recordingConnection(db);
    searchImages(recorder.db, q, { limit: PAGE });
    return recorder.calls;
  });
  for (const q of queries) {
    const result = await search(core, q);
    if (!result.ok) throw new Error(`images.search failed for ${JSON.stringify(q)}: ${JSON.stringify(result.error)}`);
  }
  const replay = createReplayer(db);
  const { candidateMs, baselineMs, ratio } = await compare(
    RATIO_RUNS,
    async () => {
      for (const q of queries) await search(core, q);
    },
    async () => {
      for (const calls of recorded) replay(calls);
    },
    1,
  );
  const core_mix_ms = median(Array.from({ length: 3 }, () => timeSync(() => queries.forEach((q) => searchImages(db, q, { limit: PAGE })))));
  return {
    name: 'search_route_overhead_vs_same_sql',
    value: ratio,
    goal: '<= 1.3',
    met: ratio <= 1.3,
    measures: 'the route (router, zod, handler, mapping) over replaying the same SQL statements bare',
    ipc_mix_ms: candidateMs,
    raw_sql_mix_ms: baselineMs,
    core_mix_ms,
    queries: queries.length,
    statements: recorded.reduce((n, calls) => n + calls.length, 0),
    runs: RATIO_RUNS,
    ...libraryDetails(lib),
  };
};

/** The grid's first page with no query: cold (first call on a freshly opened core) and warm. */
const firstPage = async (core: Core, lib: SyntheticLibrary): Promise<Figure> => {
  const cold: number[] = [];
  for (let i = 0; i < COLD_OPENS; i++) {
    const fresh = await openBenchCore(lib.dataDir);
    const start = performance.now();
    const result = await search(fresh, {});
    cold.push(performance.now() - start);
    await fresh.shutdown();
    if (!result.ok || (result.data as { items: unknown[] }).items.length !== PAGE) throw new Error('the first page came back short');
  }
  const warm: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    await search(core, {});
    warm.push(performance.now() - start);
  }
  const value = median(cold);
  return {
    name: 'first_page_ms_1m',
    value,
    goal: '<= 10',
    met: value <= 10,
    cold_max_ms: Math.max(...cold),
    warm_median_ms: median(warm),
    warm_p95_ms: percentile(warm, 95),
    cold_opens: COLD_OPENS,
    page: PAGE,
    ...libraryDetails(lib),
  };
};

/** The three core figures on one 1M library (built once, cached across runs). */
export const searchFigures = async (names: readonly string[]): Promise<Figure[]> => {
  const lib = await syntheticLibrary({ count: 1_000_000 });
  const queries = searchQueryMix();
  const db = openDatabase(lib.dbPath);
  const core = await openBenchCore(lib.dataDir);
  try {
    const figures: Figure[] = [];
    if (names.includes('search_p95_ms_1m')) figures.push(searchP95(db, queries, lib));
    if (names.includes('search_route_overhead_vs_same_sql')) figures.push(await searchRouteOverheadVsSameSql(db, core, queries, lib));
    if (names.includes('first_page_ms_1m')) figures.push(await firstPage(core, lib));
    return figures;
  } finally {
    await core.shutdown();
    closeDatabase(db);
  }
};

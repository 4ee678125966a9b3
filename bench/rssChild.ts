// Run by rss.bench.ts as a process of its own, so nothing of the generator or the other benches counts. Prints one
// JSON line of memory (and time) figures. Modes:
//   search <dataDir>   createCore as the Electron main process builds it, then the search mix through the IPC route
//                      (first page, and the next page for every fourth query, as scrolling would)
//   sweep <dataDir>    the launch sweep (reconcileLibrary) alone, on a library whose files are all in place
//   sweep-reads <dataDir>  only the sweep's read-only first steps (quick_check, every row's id and format): safe on a
//                      library without files, where the full sweep would flag every row
//   floor              nothing but the imports: Node plus Lagoon's code
import { readFileSync } from 'node:fs';
import { openDatabase } from '../src/main/core/db/openDatabase.ts';
import { reconcileLibrary } from '../src/main/core/library/reconcile.ts';
import { benchRequestContext, openBenchCore } from './benchCore.ts';
import { PAGE_SIZES } from './pageSizes.ts';
import { searchQueryMix } from './searchQueries.ts';

const mb = (bytes: number): number => bytes / 2 ** 20;
// VmHWM, not resourceUsage().maxRSS: Linux carries ru_maxrss across execve, so a child would report its parent's peak.
const peakMb = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN) / 1024;
const [mode, dataDir = ''] = process.argv.slice(2);
const afterImports = process.memoryUsage().rss;
const print = (figures: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ rss_mb: mb(process.memoryUsage().rss), peak_rss_mb: peakMb(), after_imports_mb: mb(afterImports), ...figures })}\n`);
};

const searchMix = async (): Promise<void> => {
  const core = await openBenchCore(dataDir);
  const search = (query: object, cursor: string | null, limit: number) => core.dispatch('images.search', { query, cursor, limit }, benchRequestContext);
  const start = performance.now();
  const first = await search({}, null, PAGE_SIZES.first);
  const firstPageMs = performance.now() - start;
  if (!first.ok) throw new Error(`images.search failed: ${JSON.stringify(first.error)}`);
  const afterOpen = process.memoryUsage().rss;
  let pages = 0;
  for (const [i, query] of searchQueryMix().entries()) {
    const page = await search(query, null, PAGE_SIZES.first);
    pages++;
    const next = page.ok && i % 4 === 0 ? (page.data as { nextCursor: string | null }).nextCursor : null;
    if (next) {
      await search(query, next, PAGE_SIZES.next);
      pages++;
    }
  }
  const usage = process.memoryUsage();
  print({ after_open_mb: mb(afterOpen), heap_used_mb: mb(usage.heapUsed), external_mb: mb(usage.external), first_page_ms: firstPageMs, pages });
  await core.shutdown();
};

const sweep = async (): Promise<void> => {
  const db = openDatabase(`${dataDir}/lagoon.db`);
  const start = performance.now();
  const report = await reconcileLibrary({ db, dataDir });
  print({ ms: performance.now() - start, report });
  db.close();
};

const sweepReads = (): void => {
  const db = openDatabase(`${dataDir}/lagoon.db`, { readonly: true });
  let start = performance.now();
  const check = db.pragma('quick_check', { simple: true });
  const quickCheckMs = performance.now() - start;
  start = performance.now();
  const rows = db.prepare('SELECT id, format, file_missing_at AS fileMissingAt FROM images').all();
  print({ quick_check: check, quick_check_ms: quickCheckMs, rows: rows.length, rows_ms: performance.now() - start });
  db.close();
};

if (mode === 'search') await searchMix();
else if (mode === 'sweep') await sweep();
else if (mode === 'sweep-reads') sweepReads();
else print({});

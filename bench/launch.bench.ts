import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { closeDatabase, openDatabase } from '../src/main/core/db/openDatabase.ts';
import { createDbChecks, type DbChecksOptions } from '../src/main/core/db/dbChecks.ts';
import { reconcileLibrary } from '../src/main/core/library/reconcile.ts';
import { benchRequestContext, openBenchCore } from './benchCore.ts';
import type { Figure } from './measure.ts';
import { PAGE_SIZES } from './pageSizes.ts';
import { syntheticLibrary } from './syntheticLibrary.ts';

const CHECK_WORKER = fileURLToPath(new URL('../src/main/core/db/checkWorker.ts', import.meta.url));
/** When the window asks for its first page after launch: the check has started and is running. */
const ASK_AFTER_MS = 50;

/**
 * How long the grid's first page waits while the launch quick_check reads the 1M library: the app's way (the check
 * on a worker thread) against the check on the main thread, which holds every request until it is done.
 */
export const firstPageDuringQuickCheck = async (): Promise<Figure> => {
  const lib = await syntheticLibrary({ count: 1_000_000 });
  const core = await openBenchCore(lib.dataDir);
  const db = openDatabase(lib.dbPath);
  // One read first, so both runs meet the same warm page cache.
  await core.dispatch('images.search', { query: {}, cursor: null, limit: PAGE_SIZES.first }, benchRequestContext);
  const waitWhileChecking = async (opts: Omit<DbChecksOptions, 'db'>): Promise<{ waitMs: number; checkMs: number; result: string }> => {
    const started = performance.now();
    const check = createDbChecks({ db, ...opts }).quickCheck();
    const waitMs = await new Promise<number>((resolve) => {
      const asked = started + ASK_AFTER_MS;
      setTimeout(() => {
        void core.dispatch('images.search', { query: {}, cursor: null, limit: PAGE_SIZES.first }, benchRequestContext).then(() => resolve(performance.now() - asked));
      }, ASK_AFTER_MS);
    });
    const result = await check;
    return { waitMs, checkMs: performance.now() - started, result };
  };
  try {
    const worker = await waitWhileChecking({ workerPath: CHECK_WORKER });
    const inThread = await waitWhileChecking({});
    if (worker.result !== 'ok' || inThread.result !== 'ok') throw new Error(`quick_check: ${worker.result} / ${inThread.result}`);
    return {
      name: 'first_page_during_quick_check_ms_1m',
      value: worker.waitMs,
      goal: '<= 50',
      met: worker.waitMs <= 50,
      in_thread_wait_ms: inThread.waitMs,
      quick_check_worker_ms: worker.checkMs,
      quick_check_in_thread_ms: inThread.checkMs,
      images: lib.count,
    };
  } finally {
    closeDatabase(db);
    await core.shutdown();
  }
};

/**
 * The launch sweep (rows against files, shard by shard) on the 100k library with its files: the longest
 * the main thread is held at once (what a click or a grid page would wait), the whole sweep, and its memory.
 */
export const launchSweep100k = async (): Promise<Figure> => {
  const lib = await syntheticLibrary({ count: 100_000, media: true });
  // On the cached library itself: it is whole by construction, so the sweep finds nothing to change and writes
  // nothing (checked below; copying its 200k files would take longer than the sweep, and the synthetic media share
  // inodes, so they cannot be hard-linked).
  const db = openDatabase(lib.dbPath);
  try {
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    const rss = process.memoryUsage().rss;
    let peak = rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    stalls.enable();
    const started = performance.now();
    const report = await reconcileLibrary({ db, dataDir: lib.dataDir, quickCheck: createDbChecks({ db, workerPath: CHECK_WORKER }).quickCheck });
    const sweepMs = performance.now() - started;
    stalls.disable();
    clearInterval(sampler);
    const { quickCheck, problems, ...changes } = report;
    if (quickCheck !== 'ok' || problems.length > 0 || Object.values(changes).some((n) => n !== 0)) {
      throw new Error(`The cached 100k library is not whole (delete it from the bench cache to have it rebuilt): ${JSON.stringify(report)}`);
    }
    const value = stalls.max / 1e6;
    return {
      name: 'launch_sweep_stall_ms_100k',
      value,
      goal: '<= 50',
      met: value <= 50,
      stall_p99_ms: stalls.percentile(99) / 1e6,
      sweep_ms: sweepMs,
      peak_rss_growth_mb: (peak - rss) / 1e6,
      images: lib.count,
    };
  } finally {
    closeDatabase(db);
  }
};

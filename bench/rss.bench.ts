import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Figure } from './measure.ts';
import { syntheticLibrary } from './syntheticLibrary.ts';

const CHILD = join(import.meta.dirname, 'rssChild.ts');

const runChild = (args: string[]): Promise<Record<string, number>> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [CHILD, ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${CHILD} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>);
    });
  });

/**
 * Peak RSS of a process that is what Electron's main process is minus Electron: createCore on the 1M library, then
 * the search mix through the IPC route. Each measurement is a child process of its own, so neither the generator
 * nor the other benches count. The launch chores are off there (they would write into the cached library); what
 * they cost is measured beside it: the full sweep on the 100k library with files, and its read-only first steps
 * (quick_check, loading every row) on the 1M one.
 */
export const coreInNodeRss1m = async (): Promise<Figure> => {
  const lib = await syntheticLibrary({ count: 1_000_000 });
  const withMedia = await syntheticLibrary({ count: 100_000, media: true });
  const floor = await runChild(['floor']);
  const run = await runChild(['search', lib.dataDir]);
  const sweep100k = await runChild(['sweep', withMedia.dataDir]);
  const sweepReads1m = await runChild(['sweep-reads', lib.dataDir]);
  const value = run.peak_rss_mb!;
  return {
    name: 'core_in_node_rss_mb_1m',
    value,
    goal: '<= 300',
    met: value <= 300,
    measures: 'the core (createCore) in plain Node; the Electron main process adds Electron itself',
    end_rss_mb: run.rss_mb,
    after_open_rss_mb: run.after_open_mb,
    node_and_code_floor_mb: floor.peak_rss_mb,
    heap_used_mb: run.heap_used_mb,
    external_mb: run.external_mb,
    pages_fetched: run.pages,
    fresh_process_first_page_ms: run.first_page_ms,
    launch_maintenance: 'off here; see launch_sweep_*',
    launch_sweep_100k_peak_rss_mb: sweep100k.peak_rss_mb,
    launch_sweep_100k_ms: sweep100k.ms,
    launch_sweep_100k_report: sweep100k.report,
    launch_sweep_1m_quick_check_ms: sweepReads1m.quick_check_ms,
    launch_sweep_1m_rows_ms: sweepReads1m.rows_ms,
    launch_sweep_1m_rows_loaded_peak_rss_mb: sweepReads1m.peak_rss_mb,
    images: lib.count,
    db_mb: lib.dbBytes / 2 ** 20,
  };
};

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentBundle } from '../bin/cliBundle.js';
import { type BundleInput, buildCli, INPUTS_FILE } from '../scripts/buildCli.ts';
import { type Figure, median } from './measure.ts';
import { benchCacheRoot, syntheticLibrary } from './syntheticLibrary.ts';

/**
 * How long `lagoon` takes as a whole process, as a script calling it in a loop feels it: `--help` (which must load
 * none of the core) and the first page of a search on the 100k library. The figure is the built CLI run by
 * bin/lagoon.js, as after `npm run build` (V8's compile cache warmed by the warm-up runs, as by a user's earlier
 * calls). Node's own start (`node -e 0`) and the same command from the sources are measured in turn with it, so a
 * loaded machine shows in the baseline too.
 *
 * The launcher and the bundle run from a copy of their own (bin/, out/cli/, node_modules linked): in a checkout
 * someone is editing, the launcher would rightly fall back to the sources mid-run. The one thing the copy skips,
 * comparing the bundle's inputs with the checkout's files, is timed on its own (`freshness_check_ms`).
 */

const ROOT = new URL('../', import.meta.url);
const SOURCE = fileURLToPath(new URL('src/cli/main.ts', ROOT));
const RUNS = 7;
const WARMUP = 2;

const timed = (args: string[], env: NodeJS.ProcessEnv): number => {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.toString().slice(0, 500)}`);
  return ms;
};

/** Medians of the built CLI, the sources and `node -e 0`, run alternately so drift in load hits all three alike. */
const measure = (launcher: string, args: string[], env: NodeJS.ProcessEnv = process.env): { bundleMs: number; sourceMs: number; nodeMs: number } => {
  const runs = { bundle: [] as number[], source: [] as number[], node: [] as number[] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const round = { bundle: timed([launcher, ...args], env), source: timed([SOURCE, ...args], env), node: timed(['-e', '0'], env) };
    if (i < WARMUP) continue;
    runs.bundle.push(round.bundle);
    runs.source.push(round.source);
    runs.node.push(round.node);
  }
  return { bundleMs: median(runs.bundle), sourceMs: median(runs.source), nodeMs: median(runs.node) };
};

const figure = (name: string, goalMs: number, m: ReturnType<typeof measure>, extra: Record<string, unknown> = {}): Figure => ({
  name,
  value: m.bundleMs,
  goal: `<= ${goalMs}`,
  met: m.bundleMs <= goalMs,
  node_start_ms: m.nodeMs,
  // What the CLI adds to Node's own start: the part of the figure a loaded machine inflates least.
  over_node_start_ms: m.bundleMs - m.nodeMs,
  from_source_ms: m.sourceMs,
  runs: RUNS,
  ...extra,
});

/** bin/ and a fresh build in the bench cache, laid out as in the checkout; returns the launcher and the check's time. */
const builtCopy = async (): Promise<{ launcher: string; bundledFiles: number; freshnessCheckMs: number }> => {
  const dir = join(benchCacheRoot(), 'cli-build');
  const { inputs } = await buildCli(join(dir, 'out', 'cli'));
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const file of ['lagoon.js', 'cliBundle.js']) copyFileSync(fileURLToPath(new URL(`bin/${file}`, ROOT)), join(dir, 'bin', file));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  try {
    symlinkSync(fileURLToPath(new URL('node_modules', ROOT)), join(dir, 'node_modules'), 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // What bin/lagoon.js adds in a checkout: reading the input list and a stat of every file on it.
  const started = performance.now();
  const listed = JSON.parse(readFileSync(join(dir, 'out', 'cli', INPUTS_FILE), 'utf8')) as BundleInput[];
  for (const input of listed) statSync(new URL(input.file, ROOT));
  if (!currentBundle(pathToFileURL(`${dir}/`))) throw new Error('The launcher copy does not pick its bundle.');
  return { launcher: join(dir, 'bin', 'lagoon.js'), bundledFiles: inputs.length, freshnessCheckMs: performance.now() - started };
};

export const cliStartup = async (names: readonly string[]): Promise<Figure[]> => {
  const { launcher, bundledFiles, freshnessCheckMs } = await builtCopy();
  const figures: Figure[] = [];
  const extra = { bundled_files: bundledFiles, freshness_check_ms: freshnessCheckMs };
  if (names.includes('cli_help_ms')) figures.push(figure('cli_help_ms', 80, measure(launcher, ['--help']), extra));
  if (names.includes('cli_search_ms')) {
    const lib = await syntheticLibrary({ count: 100_000 });
    const m = measure(launcher, ['search', 'lighthouse', '--json'], { ...process.env, LAGOON_DATA_DIR: lib.dataDir });
    figures.push(figure('cli_search_ms', 150, m, { ...extra, images: lib.count }));
  }
  return figures;
};

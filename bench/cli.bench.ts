import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure, median } from './measure.ts';
import { syntheticLibrary } from './syntheticLibrary.ts';

/**
 * How long `lagoon` takes as a whole process, as a script calling it in a loop feels it: `--help` (which must load
 * none of the core) and the first page of a search on the 100k library. Node's own start (`node -e 0`) is measured
 * alongside, so a slow machine shows as a slow baseline rather than a slow CLI.
 */

const LAUNCHER = fileURLToPath(new URL('../bin/lagoon.js', import.meta.url));
const RUNS = 7;
const WARMUP = 2;

const timed = (args: string[], env: NodeJS.ProcessEnv = process.env): number => {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.toString().slice(0, 500)}`);
  return ms;
};

const medianOf = (args: string[], env?: NodeJS.ProcessEnv): number => {
  for (let i = 0; i < WARMUP; i++) timed(args, env);
  return median(Array.from({ length: RUNS }, () => timed(args, env)));
};

export const cliStartup = async (names: readonly string[]): Promise<Figure[]> => {
  const nodeMs = medianOf(['-e', '0']);
  const figures: Figure[] = [];
  if (names.includes('cli_help_ms')) {
    const helpMs = medianOf([LAUNCHER, '--help']);
    figures.push({ name: 'cli_help_ms', value: helpMs, goal: '<= 80', met: helpMs <= 80, node_start_ms: nodeMs, runs: RUNS });
  }
  if (names.includes('cli_search_ms')) {
    const lib = await syntheticLibrary({ count: 100_000 });
    const env = { ...process.env, LAGOON_DATA_DIR: lib.dataDir };
    const searchMs = medianOf([LAUNCHER, 'search', 'lighthouse', '--json'], env);
    figures.push({ name: 'cli_search_ms', value: searchMs, goal: '<= 150', met: searchMs <= 150, node_start_ms: nodeMs, images: lib.count, runs: RUNS });
  }
  return figures;
};

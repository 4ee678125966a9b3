import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '../src/main/core/db/openDatabase.ts';
import { createLibrary } from '../src/main/core/library/library.ts';
import { importPaths } from '../src/main/core/transfer/importFiles.ts';
import { createInspector, type Inspector } from '../src/main/core/transfer/inspector.ts';
import { createInspectorPool } from '../src/main/core/transfer/inspectorPool.ts';
import { fileSystemOf, type Figure, median } from './measure.ts';
import { benchCacheRoot } from './syntheticLibrary.ts';
import { scene } from './syntheticMedia.ts';

const INSPECT_WORKER = fileURLToPath(new URL('../src/main/core/transfer/inspectWorker.ts', import.meta.url));
const FLOOR_WORKER = fileURLToPath(new URL('./importFloorWorker.ts', import.meta.url));
/** Realistic files: 1024² PNGs of detailed pictures, about 3 MB each. */
const FILES = 60;
const EDGE = 1024;
const ROUNDS = 3;

/** The folder to import, made once and cached beside the synthetic libraries. */
const pngFolder = async (): Promise<string> => {
  const dir = join(benchCacheRoot(), `import-png-${EDGE}-${FILES}-v1`);
  if (existsSync(dir)) return dir;
  const building = `${dir}.building-${process.pid}`;
  mkdirSync(building, { recursive: true });
  for (let i = 0; i < FILES; i++) await (await scene(EDGE, EDGE, 9000 + i)).png().toFile(join(building, `picture-${String(i).padStart(3, '0')}.png`));
  renameSync(building, dir);
  return dir;
};

/** Imports the folder into a fresh library; the import's time and the main thread's longest stall meanwhile. */
const timeImport = async (folder: string, inspector: Inspector & { size?: number }): Promise<{ ms: number; stallMs: number; imported: number }> => {
  const root = await mkdtemp(join(tmpdir(), 'lagoon-bench-import-'));
  const db = openDatabase(join(root, 'lagoon.db'));
  const library = createLibrary({ db, dataDir: root });
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  try {
    stalls.enable();
    const started = performance.now();
    const summary = await importPaths({ db, library, inspector }, [folder]);
    const ms = performance.now() - started;
    stalls.disable();
    return { ms, stallMs: stalls.max / 1e6, imported: summary.imported };
  } finally {
    await inspector.close();
    closeDatabase(db);
    await rm(root, { recursive: true, force: true });
  }
};

/**
 * The same per-file work on `lanes` workers (by default one per core), files dealt out in turn, with nothing else
 * running. On one worker it tells how much faster the cores can do this work at all (parallel_ceiling).
 */
const timeFloor = async (folder: string, files: string[], lanes = availableParallelism()): Promise<number> => {
  const outDir = await mkdtemp(join(tmpdir(), 'lagoon-bench-floor-'));
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: lanes }, (_, lane) => {
        const mine = files.filter((_name, i) => i % lanes === lane).map((name) => join(folder, name));
        const worker = new Worker(FLOOR_WORKER, { workerData: { files: mine, outDir } });
        return new Promise<void>((resolve, reject) => {
          worker.once('message', () => void worker.terminate().then(() => resolve()));
          worker.once('error', reject);
        });
      }),
    );
    return performance.now() - started;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
};

/**
 * The same process's longest stall over 2 s with nothing to do: on a shared, loaded machine part of any "stall" is
 * the process waiting for a core, which no code of ours can remove (told beside import_stall_ms).
 */
const idleStall = async (): Promise<number> => {
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  idle.disable();
  return idle.max / 1e6;
};

/**
 * Importing a folder of 1024² PNGs the app's way (a pool of inspect workers, one per core; rows committed in
 * batches) against the floor (the same per-file work in parallel with nothing else) and against one file at a time on
 * one worker (how every import ran before the pool); and the floor on one worker, for what the cores allow at all.
 * Every timing includes starting its workers. Rounds alternate the four, so drift in machine load hits all alike;
 * medians.
 */
export const importFigures = async (names: readonly string[]): Promise<Figure[]> => {
  const folder = await pngFolder();
  const idleStallMs = await idleStall();
  const files = readdirSync(folder).toSorted();
  const pool: number[] = [];
  const single: number[] = [];
  const floor: number[] = [];
  const floorOneWorker: number[] = [];
  const stalls: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const app = await timeImport(folder, createInspectorPool({ workerPath: INSPECT_WORKER }));
    if (app.imported !== files.length) throw new Error(`imported ${app.imported} of ${files.length}`);
    pool.push(app.ms);
    stalls.push(app.stallMs);
    single.push((await timeImport(folder, createInspector({ workerPath: INSPECT_WORKER }))).ms);
    floor.push(await timeFloor(folder, files));
    floorOneWorker.push(await timeFloor(folder, files, 1));
  }
  const poolMs = median(pool);
  const detail = {
    files: files.length,
    edge_px: EDGE,
    cores: availableParallelism(),
    import_ms: poolMs,
    floor_ms: median(floor),
    one_at_a_time_ms: median(single),
    images_per_s: (files.length * 1000) / poolMs,
    speedup_vs_one_at_a_time: median(single) / poolMs,
    speedup_goal: '>= 1.7',
    floor_one_worker_ms: median(floorOneWorker),
    // What the cores give this per-file work at all: the floor on one worker over the floor on all of them. (One file
    // at a time through the app also waits on its own steps in turn, so its speed-up can come out above this.)
    parallel_ceiling: median(floorOneWorker) / median(floor),
    file_system: fileSystemOf(tmpdir()),
    rounds: ROUNDS,
  };
  const ratio = poolMs / median(floor);
  const stallMs = Math.max(...stalls);
  const figures: Figure[] = [
    { name: 'import_vs_floor', value: ratio, goal: '<= 1.3 and speedup_vs_one_at_a_time >= 1.7', met: ratio <= 1.3 && detail.speedup_vs_one_at_a_time >= 1.7, ...detail },
    { name: 'import_stall_ms', value: stallMs, goal: '<= 50', met: stallMs <= 50, per_round_ms: stalls, idle_longest_stall_ms: idleStallMs, files: files.length },
  ];
  return figures.filter((f) => names.includes(f.name));
};

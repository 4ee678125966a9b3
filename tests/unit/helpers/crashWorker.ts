import { spawn } from 'node:child_process';
import { expect } from 'vitest';

/** How a worker fixture's run ended, and what it said on the way that every crash test reads. */
export interface CrashWorkerRun {
  signal: NodeJS.Signals | null;
  code: number | null;
  /** The last `PHASE <step>` line before it ended (or was killed). */
  lastPhase: string | null;
  stderr: string;
  /** It outlived `timeoutMs` and was killed for that. */
  timedOut: boolean;
}

export interface CrashWorkerOptions {
  timeoutMs: number;
  /** SIGKILL the worker this long after it prints `READY`; without it the worker runs to its end. */
  killAfterMs?: number;
  /** SIGKILL the worker as soon as it prints `PHASE <killAtPhase>` (it lands in that step or, on a slow machine, a later one). */
  killAtPhase?: string;
  /** Every other stdout line, split on spaces (the fixtures print one synchronous line per event). */
  onLine?: (words: string[]) => void;
}

/**
 * Runs a crash-test worker fixture (`node <worker>`, env added to the parent's) and resolves when it has ended. The
 * fixtures share a line protocol: `READY` (setup done: the random-kill timer starts), `PHASE <step>`, and lines of
 * their own, handed to `onLine`.
 */
export const runCrashWorker = (worker: string, env: Record<string, string>, opts: CrashWorkerOptions): Promise<CrashWorkerRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: CrashWorkerRun = { signal: null, code: null, lastPhase: null, stderr: '', timedOut: false };
    const timers: NodeJS.Timeout[] = [setTimeout(() => ((run.timedOut = true), child.kill('SIGKILL')), opts.timeoutMs)];
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const words = line.split(' ');
        if (words[0] === 'READY') {
          if (opts.killAfterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs));
        } else if (words[0] === 'PHASE') {
          run.lastPhase = words[1] ?? '';
          if (opts.killAtPhase !== undefined && run.lastPhase === opts.killAtPhase) child.kill('SIGKILL');
        }
        else opts.onLine?.(words);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      Object.assign(run, { code, signal });
      resolve(run);
    });
  });

/** Random kills a soak test makes (LAGOON_SOAK_CYCLES asks for more, for a long run by hand). */
export const SOAK_CYCLES = Number(process.env.LAGOON_SOAK_CYCLES ?? 30);
/** A hang guard for a whole soak, not a speed test: about 1 s per cycle is typical. */
export const SOAK_BUDGET_MS = 60_000 + SOAK_CYCLES * 6_000;
/** The seed a crash test's choices start from: LAGOON_CRASH_SEED replays the one a failure printed. */
export const crashSeed = (fallback: number): number => Number(process.env.LAGOON_CRASH_SEED ?? fallback);

/** mulberry32, so the kill delays replay exactly from the printed seed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export interface Soak {
  baseSeed: number;
  /** The latest moment of a kill, in ms after the worker says READY. */
  maxKillMs: number;
  /** Runs one worker with its own seed, SIGKILLed `killAfterMs` after READY. */
  runKilled(seed: number, killAfterMs: number): Promise<CrashWorkerRun>;
  /** After each kill: what the recovery left wrong (none, or the test fails with the cycle's seeds). */
  violations(): Promise<string[]>;
}

/** SOAK_CYCLES kills at random moments, each followed by the check; answers how often each step was the last one reached. */
export const soakWithRandomKills = async ({ baseSeed, maxKillMs, runKilled, violations }: Soak): Promise<Record<string, number>> => {
  const random = prng(baseSeed);
  const phases = new Map<string, number>();
  const deadline = Date.now() + SOAK_BUDGET_MS;
  let cycle = 0;
  for (; cycle < SOAK_CYCLES && Date.now() < deadline; cycle++) {
    const seed = baseSeed + 1_000 + cycle;
    const killAfterMs = Math.floor(random() * (maxKillMs + 1));
    const child = await runKilled(seed, killAfterMs);
    const context = `base seed ${baseSeed}, cycle ${cycle}, worker seed ${seed}, kill after ${killAfterMs} ms; stderr: ${child.stderr.slice(0, 500)}`;
    expect({ signal: child.signal, timedOut: child.timedOut }, context).toEqual({ signal: 'SIGKILL', timedOut: false });
    phases.set(child.lastPhase ?? 'startup', (phases.get(child.lastPhase ?? 'startup') ?? 0) + 1);
    expect(await violations(), context).toEqual([]);
  }
  expect(cycle, `time budget ran out after ${cycle} of ${SOAK_CYCLES} cycles (base seed ${baseSeed})`).toBe(SOAK_CYCLES);
  return Object.fromEntries(phases);
};

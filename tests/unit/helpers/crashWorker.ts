import { spawn } from 'node:child_process';

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

import type { Job } from '../../shared/ipc/schemas/jobs.ts';
import type { Services } from '../../main/core/services.ts';
import { shorten } from '../output.ts';
import type { PlannedJob } from './plan.ts';

/**
 * What a batch says while it runs, on stderr only. 'live' redraws one line in place, which is right only when the
 * terminal shows nothing else: stderr and stdout both a terminal (results piped into jq print there too) and a TERM
 * that understands it. 'plain' writes one line per event, for logs and pipes. 'none' (--quiet, --progress none)
 * is silent. Waits the queue makes (a 429 put back in line, the pause after failures in a row) are said in words.
 */
export type ProgressMode = 'live' | 'plain' | 'none';

export interface ProgressStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export const progressMode = (chosen: 'plain' | 'none' | undefined, streams: ProgressStreams, env: NodeJS.ProcessEnv): ProgressMode => {
  if (chosen !== undefined) return chosen;
  const smartTerminal = streams.stderr.isTTY === true && streams.stdout.isTTY === true && env.TERM !== 'dumb';
  return smartTerminal ? 'live' : 'plain';
};

export interface BatchProgress {
  started(entry: PlannedJob, jobId: string): void;
  /** Takes the live line off the screen before a result is printed. */
  clear(): void;
  settled(jobId: string | null): void;
  stop(): void;
}

const TICK_MS = 1000;
const clockTime = (ms: number): string => new Date(ms).toLocaleTimeString();

const variants = (entry: PlannedJob): string =>
  entry.request.endpoint === 'native' && entry.request.variants > 1 ? ` (${entry.request.variants} variants)` : '';

const label = (entry: PlannedJob): string => `${entry.line === undefined ? '' : `line ${entry.line}: `}${shorten(entry.prompt, 50)}${variants(entry)}`;

export const createBatchProgress = (mode: ProgressMode, services: Services, total: number, stderr: NodeJS.WritableStream): BatchProgress => {
  if (mode === 'none') return { started: () => {}, clear: () => {}, settled: () => {}, stop: () => {} };
  const entries = new Map<string, PlannedJob>();
  const startedAt = Date.now();
  let done = 0;
  let liveShown = false;
  const clearLive = (): void => {
    if (liveShown) stderr.write('\r\u001b[K');
    liveShown = false;
  };
  const say = (text: string): void => {
    clearLive();
    stderr.write(`${text}\n`);
  };
  const draw = (): void => {
    if (mode !== 'live') return;
    const seconds = Math.floor((Date.now() - startedAt) / 1000);
    stderr.write(`\r\u001b[KGenerating: ${done} of ${total} done, ${entries.size} in progress… ${seconds}s`);
    liveShown = true;
  };
  const timer = mode === 'live' ? setInterval(draw, TICK_MS) : null;
  timer?.unref();

  const onJobs = (jobs: readonly Job[]): void => {
    for (const job of jobs) {
      const entry = entries.get(job.id);
      // A job back in line with an error: Venice refused it without charging (429); the queue tries again by itself.
      if (entry && job.status === 'queued' && job.error) say(`${label(entry)} — ${job.error.message} Lagoon waits and tries again.`);
    }
  };
  const unsubscribe = services.events.subscribe((name, payload) => {
    if (name === 'jobs.changed') onJobs((payload as { jobs: Job[] }).jobs);
    if (name === 'account.changed') {
      const until = (payload as { queuePausedUntil?: number | null }).queuePausedUntil;
      if (typeof until === 'number' && until > Date.now()) {
        say(`Several prompts failed in a row, so Lagoon pauses until ${clockTime(until)} before sending more (Ctrl-C stops here).`);
      }
    }
  });

  return {
    started(entry, jobId) {
      entries.set(jobId, entry);
      if (mode === 'plain') say(`Generating ${label(entry)}…`);
      draw();
    },
    clear: clearLive,
    settled(jobId) {
      if (jobId !== null) entries.delete(jobId);
      done += 1;
      draw();
    },
    stop() {
      if (timer) clearInterval(timer);
      unsubscribe();
      clearLive();
    },
  };
};

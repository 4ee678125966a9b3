import type { Job } from '../../../shared/ipc/schemas/jobs.ts';
import { imagesRequested } from '../../../shared/pricing.ts';
import { redact } from '../log.ts';
import type { Clock } from './clock.ts';
import { type RunOutcome, type RunPhase, runJob } from './jobRunner.ts';
import { nextQueued, updateJob } from './jobStore.ts';
import { outcomePatch, stopOnClose, unexpectedFailure } from './jobTransitions.ts';
import type { OfflineProbe } from './offlineProbe.ts';
import type { Ownership } from './ownership.ts';
import type { QueueDeps } from './queueContract.ts';
import type { Throttle } from './throttle.ts';

/**
 * The sending half of the queue: which queued job goes next and when (concurrency, Venice's rate limit, the
 * circuit breaker, the network), running it, and writing its outcome. The user's commands (cancel, retry, …) live
 * in generationQueue.ts and only reach in here to abort a running job.
 */
export interface QueueState {
  closed: boolean;
  /** shutdown() has begun: nothing new starts, running jobs are being aborted. */
  stopping: boolean;
  started: boolean;
}

export interface DispatcherParts {
  deps: QueueDeps;
  clock: Clock;
  log: (line: string) => void;
  concurrency: number;
  ownership: Ownership;
  throttle: Throttle;
  offlineProbe: OfflineProbe;
  state: QueueState;
  announce(jobs: readonly Job[]): void;
}

export interface Dispatcher {
  /** Starts as many queued jobs as the rules allow now, and plans the next look when the rate limit holds one back. */
  pump(): void;
  isRunning(id: string): boolean;
  /** Aborts a running job; false when it is not running here. */
  abort(id: string): boolean;
  abortAll(): void;
  /** How many jobs are running now. */
  readonly size: number;
  /** Settles when every running job has written its outcome. */
  allFinished(): Promise<unknown>;
  /** Stops planning: the pending look is dropped. */
  stopTimer(): void;
  /** close(): aborts every running job without waiting and records how far each got (see stopOnClose). */
  stopAllNow(now: number): Job[];
}

interface Running {
  controller: AbortController;
  phase: RunPhase;
  /** Settles once the outcome is written. */
  finished: Promise<void>;
}

/** An HTTP error status from Venice proves the network works as much as an image does. */
const answeredWithStatus = (outcome: RunOutcome): boolean =>
  typeof (outcome.error?.details as { status?: unknown } | undefined)?.status === 'number';

/**
 * What an answer (or its absence) says beyond the job itself: the circuit breaker's count, Venice's headers, and
 * whether the network works. True when the job goes back to the queue (a rate limit, not a failure).
 */
const observeAnswer = (parts: DispatcherParts, job: Job, outcome: RunOutcome, now: number): boolean => {
  const { deps, throttle } = parts;
  const wasPaused = throttle.pausedUntil(now) !== null;
  const requeue = throttle.observe(job, outcome);
  if (!wasPaused && throttle.pausedUntil(now) !== null) deps.onPaused?.();
  if (outcome.headers) deps.onResponse?.(outcome.headers);
  if (outcome.headers || answeredWithStatus(outcome)) deps.connectivity.markOnline();
  if (outcome.status === 'waiting_offline') deps.connectivity.markOffline();
  return requeue;
};

/** Runs a claimed job, following its phase; a crash of the runner is a failure like any other. */
const runClaimed = (parts: DispatcherParts, job: Job, entry: Running): Promise<RunOutcome> =>
  runJob(parts.deps, job, entry.controller.signal, (phase) => {
    entry.phase = phase;
    // Recorded before the request leaves, so a process killed from here on is reported as "may have been charged".
    if (phase === 'sending') updateJob(parts.deps.db, job.id, ['running'], { sentAt: parts.clock.now() });
  }).catch((error: unknown): RunOutcome => {
    parts.log(`[queue] job ${job.id} crashed: ${redact(error)}`);
    return unexpectedFailure();
  });

const stopRunningNow = (db: QueueDeps['db'], running: Map<string, Running>, now: number): Job[] => {
  const stopped: Job[] = [];
  for (const [id, entry] of running) {
    entry.controller.abort();
    const updated = stopOnClose(db, id, entry.phase, now);
    if (updated) stopped.push(updated);
  }
  running.clear();
  return stopped;
};

export const createDispatcher = (parts: DispatcherParts): Dispatcher => {
  const { deps, clock, log, ownership, throttle, state, announce } = parts;
  const { db, events } = deps;
  const running = new Map<string, Running>();
  let cancelTimer: (() => void) | null = null;

  const schedule = (delayMs: number): void => {
    cancelTimer?.();
    cancelTimer = clock.after(delayMs, () => {
      cancelTimer = null;
      pump();
    });
  };

  const pump = (): void => {
    if (state.closed || state.stopping || !state.started) return;
    if (!deps.connectivity.online) return parts.offlineProbe.arm();
    const now = clock.now();
    while (running.size < parts.concurrency) {
      const job = nextQueued(db, ownership.mayRun);
      if (!job) return;
      const delay = throttle.delayFor(now, imagesRequested(job.request));
      if (delay > 0) return schedule(delay);
      throttle.take(now, imagesRequested(job.request));
      launch(job, now);
    }
  };

  const launch = (queued: Job, now: number): void => {
    // The status guard makes the claim atomic: the CLI and the app can never both take one job.
    const claim = { status: 'running', startedAt: now, finishedAt: null, sentAt: null, ownerPid: ownership.pid, ownerKind: ownership.kind } as const;
    const job = updateJob(db, queued.id, ['queued'], claim);
    if (!job) return;
    const controller = new AbortController();
    const entry: Running = { controller, phase: 'preparing', finished: Promise.resolve() };
    running.set(job.id, entry);
    announce([job]);
    entry.finished = runClaimed(parts, job, entry)
      .then((outcome) => finish(job, outcome))
      // Writing the outcome failed (disk full, database gone): the row stays running and the next start recovers it.
      .catch((error: unknown) => log(`[queue] could not record the end of job ${job.id}: ${redact(error)}`));
  };

  const finish = (job: Job, outcome: RunOutcome): void => {
    running.delete(job.id);
    // close() already wrote this job's row; the database may be gone.
    if (state.closed) return;
    const now = clock.now();
    const requeue = observeAnswer(parts, job, outcome, now);
    const updated = updateJob(db, job.id, ['running'], outcomePatch(job, outcome, now, { requeue, stopping: state.stopping }));
    if (updated) announce([updated]);
    if (outcome.imageIds.length > 0) {
      events.emit('images.changed', { reason: 'added', ids: outcome.imageIds });
      deps.onImagesStored?.(outcome.imageIds);
    }
    pump();
  };

  return {
    pump,
    isRunning: (id) => running.has(id),
    abort(id) {
      const entry = running.get(id);
      entry?.controller.abort();
      return entry !== undefined;
    },
    abortAll() {
      for (const entry of running.values()) entry.controller.abort();
    },
    get size() {
      return running.size;
    },
    allFinished: () => Promise.allSettled([...running.values()].map((entry) => entry.finished)),
    stopTimer() {
      cancelTimer?.();
      cancelTimer = null;
    },
    stopAllNow: (now) => stopRunningNow(db, running, now),
  };
};

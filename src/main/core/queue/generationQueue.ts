import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { Job, JobRequest } from '../../../shared/ipc/schemas/jobs.ts';
import { imagesRequested } from '../../../shared/pricing.ts';
import { withSeed } from '../generation/requestMapping.ts';
import { redact } from '../log.ts';
import { systemClock } from './clock.ts';
import { type RunOutcome, type RunPhase, runJob } from './jobRunner.ts';
import { getJob, insertJobs, jobOwner, listJobs, nextQueued, recentPrompts, updateJob } from './jobStore.ts';
import {
  assertSendable,
  cancelPending,
  isSettled,
  newQueuedJob,
  outcomePatch,
  recoverAfterRestart,
  RETRYABLE_STATUSES,
  resumeWaiting,
  stopOnClose,
  unexpectedFailure,
} from './jobTransitions.ts';
import { adoptInterrupted, discardInterrupted, holdLeftovers } from './leftovers.ts';
import { createOfflineProbe } from './offlineProbe.ts';
import { createOwnership } from './ownership.ts';
import type { GenerationQueue, QueueDeps, QueueOptions } from './queueContract.ts';
import { createThrottle } from './throttle.ts';
import { createWaiters } from './waiters.ts';

export type { GenerationQueue, QueueDeps, QueueOptions } from './queueContract.ts';


interface Running {
  controller: AbortController;
  phase: RunPhase;
  /** Settles once the outcome is written. */
  finished: Promise<void>;
}

const DEFAULT_LIST_LIMIT = 200;

/** An HTTP error status from Venice proves the network works as much as an image does. */
const answeredWithStatus = (outcome: RunOutcome): boolean =>
  typeof (outcome.error?.details as { status?: unknown } | undefined)?.status === 'number';

const notFound = (): AppError => new AppError('NOT_FOUND', 'That job is not in the queue any more.');

export const createGenerationQueue = (deps: QueueDeps, opts: QueueOptions = {}): GenerationQueue => {
  const { db, events, connectivity } = deps;
  const clock = deps.clock ?? systemClock;
  const newId = deps.newId ?? randomUUID;
  const log = deps.log ?? console.error;
  const concurrency = opts.concurrency ?? 2;
  const ownership = deps.ownership ?? createOwnership(opts.owner ?? 'app');
  const isApp = ownership.kind === 'app';
  /** Jobs this process may run, cancel, resume or recover. */
  const mine = ownership.mayRun;
  const throttle = createThrottle(clock, opts, log);
  const offlineProbe = createOfflineProbe({ clock, connectivity, probe: deps.probe, intervalMs: opts.probeIntervalMs ?? 15_000 });
  const running = new Map<string, Running>();
  const waiters = createWaiters();
  let closed = false;
  /** shutdown() has begun: nothing new starts, running jobs are being aborted. */
  let stopping = false;
  let started = false;
  let cancelPumpTimer: (() => void) | null = null;

  const announce = (jobs: readonly Job[]): void => {
    if (jobs.length === 0) return;
    events.emit('jobs.changed', { jobs: [...jobs] });
    for (const job of jobs) if (isSettled(job.status)) waiters.resolve(job);
  };

  const schedulePump = (delayMs: number): void => {
    cancelPumpTimer?.();
    cancelPumpTimer = clock.after(delayMs, () => {
      cancelPumpTimer = null;
      pump();
    });
  };

  const pump = (): void => {
    if (closed || stopping || !started) return;
    if (!connectivity.online) return offlineProbe.arm();
    const now = clock.now();
    while (running.size < concurrency) {
      const job = nextQueued(db, mine);
      if (!job) return;
      const delay = throttle.delayFor(now, imagesRequested(job.request));
      if (delay > 0) return schedulePump(delay);
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
    entry.finished = runJob(deps, job, controller.signal, (phase) => {
      entry.phase = phase;
      // Recorded before the request leaves, so a process killed from here on is reported as "may have been charged".
      if (phase === 'sending') updateJob(db, job.id, ['running'], { sentAt: clock.now() });
    })
      .catch((error: unknown): RunOutcome => {
        log(`[queue] job ${job.id} crashed: ${redact(error)}`);
        return unexpectedFailure();
      })
      .then((outcome) => finish(job, outcome))
      // Writing the outcome failed (disk full, database gone): the row stays running and the next start recovers it.
      .catch((error: unknown) => log(`[queue] could not record the end of job ${job.id}: ${redact(error)}`));
  };

  const finish = (job: Job, outcome: RunOutcome): void => {
    running.delete(job.id);
    // close() already wrote this job's row; the database may be gone.
    if (closed) return;
    const now = clock.now();
    const wasPaused = throttle.pausedUntil(now) !== null;
    const requeue = throttle.observe(job, outcome);
    if (!wasPaused && throttle.pausedUntil(now) !== null) deps.onPaused?.();
    if (outcome.headers) deps.onResponse?.(outcome.headers);
    if (outcome.headers || answeredWithStatus(outcome)) connectivity.markOnline();
    if (outcome.status === 'waiting_offline') connectivity.markOffline();
    const updated = updateJob(db, job.id, ['running'], outcomePatch(job, outcome, now, { requeue, stopping }));
    if (updated) announce([updated]);
    if (outcome.imageIds.length > 0) {
      events.emit('images.changed', { reason: 'added', ids: outcome.imageIds });
      deps.onImagesStored?.(outcome.imageIds);
    }
    pump();
  };

  const enqueue = (requests: readonly JobRequest[]): Job[] => {
    if (closed || stopping) throw new AppError('INTERNAL', 'Lagoon is shutting down; the request was not queued.');
    assertSendable(requests, deps.check);
    const createdAt = clock.now();
    const jobs = requests.map((original) => {
      const request = withSeed(original);
      return newQueuedJob(newId(), createdAt, request, deps.priceFor(request));
    });
    insertJobs(db, jobs, ownership);
    announce(jobs);
    pump();
    return jobs;
  };

  const cancelRunning = (id: string, entry: Running): Promise<Job> => {
    const done = settled(id);
    entry.controller.abort();
    return done;
  };

  const settled = (id: string): Promise<Job> => {
    const job = getJob(db, id);
    if (!job) return Promise.reject(notFound());
    if (isSettled(job.status) || closed) return Promise.resolve(job);
    return waiters.wait(id);
  };

  const close = (): void => {
    if (closed) return;
    closed = true;
    cancelPumpTimer?.();
    offlineProbe.stop();
    const now = clock.now();
    const stopped: Job[] = [];
    for (const [id, entry] of running) {
      entry.controller.abort();
      const updated = stopOnClose(db, id, entry.phase, now);
      if (updated) stopped.push(updated);
    }
    running.clear();
    if (stopped.length > 0) events.emit('jobs.changed', { jobs: stopped });
    waiters.resolveAll((id) => getJob(db, id));
  };

  /** The app's look for jobs of `lagoon` commands that died since; the CLI leaves other processes' jobs alone. */
  const holdGoneCommandsJobs = (): void => {
    if (isApp && !closed) announce(holdLeftovers(db, clock.now(), ownership.leftByGoneCommand));
  };

  const interrupted = (id: string, move: () => Job | null): Job => {
    const job = getJob(db, id);
    if (!job) throw notFound();
    if (job.status !== 'interrupted') throw new AppError('INVALID_INPUT', 'This job is no longer waiting for your decision.', { status: job.status });
    const moved = move();
    if (!moved) throw new AppError('INVALID_INPUT', 'This job is no longer waiting for your decision.');
    announce([moved]);
    pump();
    return moved;
  };

  connectivity.subscribe((online) => {
    if (!online || closed || !started) return;
    announce(resumeWaiting(db, mine));
    pump();
  });

  return {
    concurrency,
    start() {
      if (started || closed) return;
      started = true;
      holdGoneCommandsJobs();
      if (isApp) announce(recoverAfterRestart(db, clock.now(), mine));
      pump();
    },
    enqueue,
    list: (limit = DEFAULT_LIST_LIMIT) => {
      holdGoneCommandsJobs();
      return listJobs(db, limit);
    },
    get: (id) => getJob(db, id),
    async cancel(id) {
      const job = getJob(db, id);
      if (!job) throw notFound();
      const entry = running.get(id);
      if (entry) return cancelRunning(id, entry);
      if (job.status !== 'queued' && job.status !== 'waiting_offline') return job;
      if (!mine(jobOwner(db, id))) throw new AppError('INVALID_INPUT', 'This job belongs to another Lagoon process (the command line); cancel it there.');
      const [cancelled] = cancelPending(db, clock.now(), mine, [id]);
      if (cancelled) announce([cancelled]);
      return cancelled ?? getJob(db, id) ?? job;
    },
    cancelAll() {
      const pending = cancelPending(db, clock.now(), mine);
      announce(pending);
      for (const entry of running.values()) entry.controller.abort();
      return pending.length + running.size;
    },
    retry(id) {
      const job = getJob(db, id);
      if (!job) throw notFound();
      if (!RETRYABLE_STATUSES.includes(job.status)) {
        throw new AppError('INVALID_INPUT', 'Only a failed, blocked or cancelled job can be retried.', { status: job.status });
      }
      const [again] = enqueue([job.request]);
      if (!again) throw new AppError('INTERNAL', 'The job could not be queued again.');
      return again;
    },
    runInterrupted: (id) => interrupted(id, () => adoptInterrupted(db, id, ownership)),
    discardInterrupted: (id) => interrupted(id, () => discardInterrupted(db, id, clock.now())),
    settled,
    async shutdown(graceMs = 2000) {
      if (closed || stopping) return;
      stopping = true;
      cancelPumpTimer?.();
      offlineProbe.stop();
      const pending = [...running.values()].map((entry) => entry.finished);
      for (const entry of running.values()) entry.controller.abort();
      // Wall-clock bound on purpose: quitting must not hang on a job that ignores its abort.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(pending), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      close();
    },
    rateLimit: () => throttle.snapshot(),
    pausedUntil: () => throttle.pausedUntil(clock.now()),
    recentPrompts: (limit) => recentPrompts(db, limit),
    close,
  };
};

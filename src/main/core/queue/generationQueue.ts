import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { Job, JobRequest } from '../../../shared/ipc/schemas/jobs.ts';
import { withSeed } from '../generation/requestMapping.ts';
import { systemClock } from './clock.ts';
import { createDispatcher, type Dispatcher, type QueueState } from './dispatcher.ts';
import { getJob, insertJobs, listJobs, recentPrompts } from './jobStore.ts';
import { assertSendable, isSettled, newQueuedJob, recoverAfterRestart, resumeWaiting } from './jobTransitions.ts';
import { holdLeftovers } from './leftovers.ts';
import { createOfflineProbe } from './offlineProbe.ts';
import { createOwnership, type Ownership } from './ownership.ts';
import { createQueueCommands, jobNotFound } from './queueCommands.ts';
import type { GenerationQueue, QueueDeps, QueueOptions } from './queueContract.ts';
import { createThrottle } from './throttle.ts';
import { createWaiters } from './waiters.ts';

export type { GenerationQueue, QueueDeps, QueueOptions } from './queueContract.ts';

const DEFAULT_LIST_LIMIT = 200;

/** Checks the requests against the model rules (all or none), fixes each seed and stores them as queued rows. */
const insertQueued = (deps: QueueDeps, requests: readonly JobRequest[], createdAt: number, newId: () => string, ownership: Ownership): Job[] => {
  assertSendable(requests, deps.check);
  const jobs = requests.map((original) => {
    const request = withSeed(original);
    return newQueuedJob(newId(), createdAt, request, deps.priceFor(request));
  });
  insertJobs(deps.db, jobs, ownership);
  return jobs;
};

/** Lets running jobs say whether their request had left, for at most `graceMs`. */
const stopGracefully = async (dispatcher: Dispatcher, graceMs: number): Promise<void> => {
  dispatcher.stopTimer();
  const finished = dispatcher.allFinished();
  dispatcher.abortAll();
  // Wall-clock bound on purpose: quitting must not hang on a job that ignores its abort.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
};

/**
 * The persistent generation queue: every job is a row before anything is sent. This file wires the parts and owns
 * the life cycle (start, shutdown, close); dispatcher.ts sends, queueCommands.ts carries out the user's commands.
 */
export const createGenerationQueue = (deps: QueueDeps, opts: QueueOptions = {}): GenerationQueue => {
  const { db, events, connectivity } = deps;
  const clock = deps.clock ?? systemClock;
  const newId = deps.newId ?? randomUUID;
  const ownership = deps.ownership ?? createOwnership(opts.owner ?? 'app');
  const state: QueueState = { closed: false, stopping: false, started: false };
  const waiters = createWaiters();
  const offlineProbe = createOfflineProbe({ clock, connectivity, probe: deps.probe, intervalMs: opts.probeIntervalMs ?? 15_000 });

  const announce = (jobs: readonly Job[]): void => {
    if (jobs.length === 0) return;
    events.emit('jobs.changed', { jobs: [...jobs] });
    for (const job of jobs) if (isSettled(job.status)) waiters.resolve(job);
  };

  const log = deps.log ?? console.error;
  const concurrency = opts.concurrency ?? 2;
  const throttle = createThrottle(clock, opts, log);
  const dispatcher: Dispatcher = createDispatcher({ deps, clock, log, concurrency, ownership, throttle, offlineProbe, state, announce });

  const enqueue = (requests: readonly JobRequest[]): Job[] => {
    if (state.closed || state.stopping) throw new AppError('INTERNAL', 'Lagoon is shutting down; the request was not queued.');
    const jobs = insertQueued(deps, requests, clock.now(), newId, ownership);
    announce(jobs);
    dispatcher.pump();
    return jobs;
  };

  const settled = (id: string): Promise<Job> => {
    const job = getJob(db, id);
    if (!job) return Promise.reject(jobNotFound());
    if (isSettled(job.status) || state.closed) return Promise.resolve(job);
    return waiters.wait(id);
  };

  const close = (): void => {
    if (state.closed) return;
    state.closed = true;
    dispatcher.stopTimer();
    offlineProbe.stop();
    const stopped = dispatcher.stopAllNow(clock.now());
    if (stopped.length > 0) events.emit('jobs.changed', { jobs: stopped });
    waiters.resolveAll((id) => getJob(db, id));
  };

  /** The app's look for jobs of `lagoon` commands that died since; the CLI leaves other processes' jobs alone. */
  const holdGoneCommandsJobs = (): void => {
    if (ownership.kind === 'app' && !state.closed) announce(holdLeftovers(db, clock.now(), ownership.leftByGoneCommand));
  };

  connectivity.subscribe((online) => {
    if (!online || state.closed || !state.started) return;
    announce(resumeWaiting(db, ownership.mayRun));
    dispatcher.pump();
  });

  return {
    concurrency,
    start() {
      if (state.started || state.closed) return;
      state.started = true;
      holdGoneCommandsJobs();
      if (ownership.kind === 'app') announce(recoverAfterRestart(db, clock.now(), ownership.mayRun));
      dispatcher.pump();
    },
    enqueue,
    list: (limit = DEFAULT_LIST_LIMIT) => {
      holdGoneCommandsJobs();
      return listJobs(db, limit);
    },
    get: (id) => getJob(db, id),
    ...createQueueCommands({ db, clock, ownership, dispatcher, announce, enqueue, settled }),
    settled,
    async shutdown(graceMs = 2000) {
      if (state.closed || state.stopping) return;
      state.stopping = true;
      offlineProbe.stop();
      await stopGracefully(dispatcher, graceMs);
      close();
    },
    rateLimit: () => throttle.snapshot(),
    pausedUntil: () => throttle.pausedUntil(clock.now()),
    recentPrompts: (limit) => recentPrompts(db, limit),
    close,
  };
};

import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { Job, JobRequest } from '../../../shared/ipc/schemas/jobs.ts';
import type { Clock } from './clock.ts';
import type { Dispatcher } from './dispatcher.ts';
import { getJob, jobOwner } from './jobStore.ts';
import { cancelPending, RETRYABLE_STATUSES } from './jobTransitions.ts';
import { adoptInterrupted, discardInterrupted } from './leftovers.ts';
import type { Ownership } from './ownership.ts';
import type { GenerationQueue } from './queueContract.ts';

/** What the user asks of jobs already queued: cancel, retry, and the Run / Discard of an interrupted command's job. */
type QueueCommands = Pick<GenerationQueue, 'cancel' | 'cancelAll' | 'retry' | 'runInterrupted' | 'discardInterrupted'>;

export interface CommandParts {
  db: Database;
  clock: Clock;
  ownership: Ownership;
  dispatcher: Dispatcher;
  announce(jobs: readonly Job[]): void;
  enqueue(requests: readonly JobRequest[]): Job[];
  settled(id: string): Promise<Job>;
}

export const jobNotFound = (): AppError => new AppError('NOT_FOUND', 'That job is not in the queue any more.');

const notWaitingForYou = (details?: Record<string, unknown>): AppError =>
  new AppError('INVALID_INPUT', 'This job is no longer waiting for your decision.', details);

export const createQueueCommands = (parts: CommandParts): QueueCommands => {
  const { db, clock, ownership, dispatcher, announce } = parts;

  const cancelRunning = (id: string): Promise<Job> => {
    // Waiting first: the abort may settle the job before a later wait would be registered.
    const done = parts.settled(id);
    dispatcher.abort(id);
    return done;
  };

  const interrupted = (id: string, move: () => Job | null): Job => {
    const job = getJob(db, id);
    if (!job) throw jobNotFound();
    if (job.status !== 'interrupted') throw notWaitingForYou({ status: job.status });
    const moved = move();
    if (!moved) throw notWaitingForYou();
    announce([moved]);
    dispatcher.pump();
    return moved;
  };

  return {
    async cancel(id) {
      const job = getJob(db, id);
      if (!job) throw jobNotFound();
      if (dispatcher.isRunning(id)) return cancelRunning(id);
      if (job.status !== 'queued' && job.status !== 'waiting_offline') return job;
      if (!ownership.mayRun(jobOwner(db, id))) throw new AppError('INVALID_INPUT', 'This job belongs to another Lagoon process (the command line); cancel it there.');
      const [cancelled] = cancelPending(db, clock.now(), ownership.mayRun, [id]);
      if (cancelled) announce([cancelled]);
      return cancelled ?? getJob(db, id) ?? job;
    },
    cancelAll() {
      const pending = cancelPending(db, clock.now(), ownership.mayRun);
      announce(pending);
      const runningCount = dispatcher.size;
      dispatcher.abortAll();
      return pending.length + runningCount;
    },
    retry(id) {
      const job = getJob(db, id);
      if (!job) throw jobNotFound();
      if (!RETRYABLE_STATUSES.includes(job.status)) {
        throw new AppError('INVALID_INPUT', 'Only a failed, blocked or cancelled job can be retried.', { status: job.status });
      }
      const [again] = parts.enqueue([job.request]);
      if (!again) throw new AppError('INTERNAL', 'The job could not be queued again.');
      return again;
    },
    runInterrupted: (id) => interrupted(id, () => adoptInterrupted(db, id, ownership)),
    discardInterrupted: (id) => interrupted(id, () => discardInterrupted(db, id, clock.now())),
  };
};

import type { Database } from 'better-sqlite3';
import { AppError, type AppErrorPayload } from '../../../shared/errors.ts';
import { blockingIssues, type ConstraintIssue } from '../../../shared/modelConstraints.ts';
import type { Job, JobRequest, JobStatus } from '../../../shared/ipc/schemas/jobs.ts';
import { imagesRequested } from '../../../shared/pricing.ts';
import { imageIdsOfJob, type JobPatch, jobsWithStatus, updateJob, wasSent } from './jobStore.ts';
import type { RunOutcome, RunPhase } from './jobRunner.ts';
import type { JobOwner } from './ownership.ts';

/**
 * The job state machine's edges that are more than a one-line update:
 *
 *   queued ──dispatch──▶ running ──▶ done | failed | blocked | cancelled
 *     │ ▲                  │  └─────▶ waiting_offline (never sent) ──network back──▶ queued
 *     │ └──429, not charged┘                    │
 *     └──cancel──▶ cancelled ◀──────cancel──────┘
 *   at start: running ──▶ failed (may have been charged; never re-sent), or done if every image had been stored,
 *             or queued again when its request was never handed to the client (sent_at is null)
 *             waiting_offline ──▶ queued
 *   jobs of a `lagoon` command that is gone (leftovers.ts): queued | waiting_offline | running-but-never-sent ──▶
 *     interrupted ──Run──▶ queued, ──Discard──▶ cancelled; only the user moves them on
 *   on shutdown (async): running jobs are aborted; the client says whether each request left: never sent ──▶ queued
 *     (runs at the next start), else failed (may have been charged). close() (sync) cannot wait for that answer: a job
 *     not yet handed to the client ──▶ queued, any other ──▶ failed (may have been charged).
 */

/** A job in one of these needs nothing more from the queue (waiting_offline waits for the network, not for a slot). */
const SETTLED_STATUSES: readonly JobStatus[] = ['done', 'failed', 'blocked', 'cancelled', 'waiting_offline', 'interrupted'];
export const PENDING_STATUSES: readonly JobStatus[] = ['queued', 'waiting_offline'];
export const RETRYABLE_STATUSES: readonly JobStatus[] = ['failed', 'blocked', 'cancelled'];

export const isSettled = (status: JobStatus): boolean => SETTLED_STATUSES.includes(status);

const interruptedError = (): AppErrorPayload => ({
  code: 'INTERNAL',
  message: 'Lagoon stopped while this was being generated; it may have been charged. Retry it if you still want it.',
  details: { mayHaveBeenCharged: true, reason: 'interrupted' },
});

const closedWhileSendingError = (): AppErrorPayload => ({
  code: 'CANCELLED',
  message: 'Lagoon was closed while this was being generated; it may have been charged. Retry it if you still want it.',
  details: { mayHaveBeenCharged: true, reason: 'app_closed' },
});

const cancelledBeforeSendingError = (): AppErrorPayload => ({
  code: 'CANCELLED',
  message: 'You cancelled this generation before it was sent. Nothing was charged.',
  details: { mayHaveBeenCharged: false },
});

export type OwnerFilter = (owner: JobOwner) => boolean;

/**
 * A `running` row whose process is gone: done if every image had been stored; failed as "may have been charged" if its
 * request had been handed to the client; else it never left the machine and `unsent` says where it goes.
 */
export const staleRunningPatch = (db: Database, job: Job, now: number, unsent: JobPatch): JobPatch => {
  const imageIds = imageIdsOfJob(db, job.id);
  // The crash came after the last image's row was committed: the work is complete.
  if (imageIds.length > 0 && imageIds.length >= imagesRequested(job.request)) return { status: 'done', finishedAt: now, imageIds, error: null };
  if (!wasSent(db, job.id) && imageIds.length === 0) return unsent;
  return { status: 'failed', finishedAt: now, imageIds, error: interruptedError(), mayHaveBeenCharged: true };
};

/**
 * After a crash: a job found running may have reached Venice. It is never re-sent; the user decides. One that was
 * never sent simply waits in line again. Only jobs of processes that are gone (`owned`) are touched: the CLI may be
 * running its own right now.
 */
export const recoverAfterRestart = (db: Database, now: number, owned: OwnerFilter): Job[] =>
  db.transaction(() => {
    const changed: Job[] = [];
    for (const job of jobsWithStatus(db, ['running'], owned)) {
      const patch = staleRunningPatch(db, job, now, { status: 'queued', startedAt: null });
      const updated = updateJob(db, job.id, ['running'], patch);
      if (updated) changed.push(updated);
    }
    return [...changed, ...resumeWaiting(db, owned)];
  }).immediate();

export const resumeWaiting = (db: Database, owned: OwnerFilter): Job[] =>
  db.transaction(() =>
    jobsWithStatus(db, ['waiting_offline'], owned).flatMap(
      (job) => updateJob(db, job.id, ['waiting_offline'], { status: 'queued', startedAt: null }) ?? [],
    ),
  )();

export const cancelPending = (db: Database, now: number, owned: OwnerFilter, ids?: readonly string[]): Job[] =>
  db.transaction(() => {
    const pending = ids ? ids : jobsWithStatus(db, PENDING_STATUSES, owned).map((j) => j.id);
    const patch: JobPatch = { status: 'cancelled', finishedAt: now, error: cancelledBeforeSendingError(), mayHaveBeenCharged: false };
    return pending.flatMap((id) => updateJob(db, id, PENDING_STATUSES, patch) ?? []);
  }).immediate();

/** A queued job must pin its reference images by hash; whoever queues reads them first (hashStyleReferences). */
const unpinnedReference = (request: JobRequest): boolean =>
  request.endpoint === 'native' && (request.styleReferences ?? []).some((r) => r.input.sha256 === undefined);

/** Refuses the whole batch (INVALID_INPUT, nothing queued or sent) if any request fails its model's checks. */
export const assertSendable = (requests: readonly JobRequest[], check: (request: JobRequest) => ConstraintIssue[]): void => {
  if (requests.some(unpinnedReference)) throw new AppError('INTERNAL', 'A reference image was not read before queueing. Nothing was sent.');
  const problems = requests.flatMap((request, index) => {
    const issues = blockingIssues(check(request));
    return issues.length > 0 ? [{ index, issues }] : [];
  });
  const first = problems[0]?.issues[0];
  if (first) throw new AppError('INVALID_INPUT', `${first.message} Nothing was sent.`, { requests: problems });
};

export const newQueuedJob = (id: string, createdAt: number, request: JobRequest, perImageUsd: number | null): Job => ({
  id,
  createdAt,
  startedAt: null,
  finishedAt: null,
  status: 'queued',
  request,
  imageIds: [],
  error: null,
  mayHaveBeenCharged: false,
  attempts: 0,
  priceUsd: perImageUsd === null ? null : perImageUsd * imagesRequested(request),
});

/** A bug in Lagoon, not a Venice answer: the request may have gone out, so say so. */
export const unexpectedFailure = (): RunOutcome => ({
  status: 'failed',
  imageIds: [],
  error: { code: 'INTERNAL', message: 'Something went wrong inside Lagoon. The request may have been charged.' },
  mayHaveBeenCharged: true,
  attempts: 0,
  headers: null,
});

/**
 * Quitting with a job running. Before the request was handed to the client it provably never left, so the job
 * simply waits for the next start; after that Lagoon cannot know (the client may still have been backing off, or
 * Venice may be rendering), so it is failed as "may have been charged" and never re-sent by itself.
 */
export const stopOnClose = (db: Database, id: string, phase: RunPhase, now: number): Job | null =>
  phase === 'preparing'
    ? updateJob(db, id, ['running'], { status: 'queued', startedAt: null })
    : updateJob(db, id, ['running'], {
        status: 'failed',
        finishedAt: now,
        imageIds: imageIdsOfJob(db, id),
        error: closedWhileSendingError(),
        mayHaveBeenCharged: true,
      });

/**
 * The row update for a run's outcome. `requeue` puts a refused (429, not charged) job back in line; `stopping`
 * means Lagoon itself aborted the job to quit, so an abort the client reports as never sent waits for the next start.
 */
export const outcomePatch = (job: Job, outcome: RunOutcome, now: number, how: { requeue: boolean; stopping: boolean }): JobPatch => {
  const attempts = job.attempts + outcome.attempts;
  if (how.requeue) return { status: 'queued', startedAt: null, error: outcome.error, attempts };
  if (how.stopping && outcome.status === 'cancelled') {
    return outcome.mayHaveBeenCharged
      ? { status: 'failed', finishedAt: now, error: closedWhileSendingError(), mayHaveBeenCharged: true, attempts }
      : { status: 'queued', startedAt: null, attempts };
  }
  if (outcome.status === 'waiting_offline') return { status: 'waiting_offline', startedAt: null, error: outcome.error, attempts };
  return {
    status: outcome.status,
    finishedAt: now,
    imageIds: outcome.imageIds,
    error: outcome.error,
    mayHaveBeenCharged: outcome.mayHaveBeenCharged,
    attempts,
    // Venice does not charge for a blocked image.
    ...(outcome.status === 'blocked' ? { priceUsd: 0 } : {}),
  };
};

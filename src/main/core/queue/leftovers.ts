import type { Database } from 'better-sqlite3';
import type { AppErrorPayload } from '../../../shared/errors.ts';
import type { Job } from '../../../shared/ipc/schemas/jobs.ts';
import { jobsWithStatus, updateJob } from './jobStore.ts';
import { type OwnerFilter, PENDING_STATUSES, staleRunningPatch } from './jobTransitions.ts';
import type { OwnerKind } from './ownership.ts';

/**
 * Jobs a `lagoon` command left when it was killed (or its terminal closed) before it could cancel them. Another
 * process never sends them on its own: the user asked that command to stop, or no longer watches it, and each
 * request costs money. The app holds them as 'interrupted' and shows them with Run and Discard.
 */

const leftByInterruptedCommandError = (): AppErrorPayload => ({
  code: 'CANCELLED',
  message: 'Left by an interrupted command; it was never sent. Run it or discard it.',
  details: { mayHaveBeenCharged: false, reason: 'interrupted_command' },
});

const discardedError = (): AppErrorPayload => ({
  code: 'CANCELLED',
  message: 'Discarded: left by an interrupted command and never sent. Nothing was charged.',
  details: { mayHaveBeenCharged: false, reason: 'interrupted_command' },
});

/**
 * Holds what gone commands (`leftBy`) left: queued and offline-waiting jobs, and running ones whose request never
 * left; a running one that may have reached Venice is failed as "may have been charged", exactly as after a crash.
 */
export const holdLeftovers = (db: Database, now: number, leftBy: OwnerFilter): Job[] =>
  db.transaction(() => {
    const held = { status: 'interrupted', startedAt: null, error: leftByInterruptedCommandError() } as const;
    const changed: Job[] = [];
    for (const job of jobsWithStatus(db, ['running'], leftBy)) {
      const updated = updateJob(db, job.id, ['running'], staleRunningPatch(db, job, now, held));
      if (updated) changed.push(updated);
    }
    for (const job of jobsWithStatus(db, PENDING_STATUSES, leftBy)) {
      const updated = updateJob(db, job.id, PENDING_STATUSES, held);
      if (updated) changed.push(updated);
    }
    return changed;
  }).immediate();

/** The user's Run: the job joins this process's queue (null when it is no longer interrupted). */
export const adoptInterrupted = (db: Database, id: string, owner: { pid: number; kind: OwnerKind }): Job | null =>
  updateJob(db, id, ['interrupted'], { status: 'queued', startedAt: null, sentAt: null, error: null, ownerPid: owner.pid, ownerKind: owner.kind });

/** The user's Discard: cancelled, nothing was charged because nothing was sent. */
export const discardInterrupted = (db: Database, id: string, now: number): Job | null =>
  updateJob(db, id, ['interrupted'], { status: 'cancelled', finishedAt: now, error: discardedError(), mayHaveBeenCharged: false });

import type { Database } from 'better-sqlite3';
import type { JobRequest } from '../../shared/ipc/schemas/jobs.ts';
import { doneRequestsFor } from '../../main/core/queue/jobStore.ts';
import type { PlannedJob } from './plan.ts';

/**
 * --skip-done: a prompt line whose exact request was already made in this library (and whose images are not in the
 * trash) is not sent again, so re-running a finished batch costs nothing. "Exact" is every field the request has,
 * in any key order; only a seed the user left to chance is not compared (the queue picked one at random).
 */

/** The request as one string, keys sorted at every level, so equal requests have equal keys. */
const requestKey = (request: unknown): string =>
  JSON.stringify(request, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );

const withoutChosenSeed = (stored: JobRequest, planned: JobRequest): JobRequest => {
  if (stored.endpoint !== 'native' || planned.endpoint !== 'native' || planned.seed !== undefined) return stored;
  const { seed: _seed, ...rest } = stored;
  return rest;
};

export const alreadyMade = (db: Database, job: PlannedJob): boolean => {
  const wanted = requestKey(job.request);
  return doneRequestsFor(db, job.request.prompt).some((stored) => requestKey(withoutChosenSeed(stored, job.request)) === wanted);
};

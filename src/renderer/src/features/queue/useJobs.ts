import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Job, JobRequest } from '../../../../shared/ipc/schemas/jobs.ts';
import { type ApiError, call, subscribe, toApiError } from '../../api.ts';

export interface JobsState {
  /** Newest first. */
  jobs: readonly Job[];
  loaded: boolean;
  /** Why the list could not be read. */
  error: ApiError | null;
  enqueue: (requests: JobRequest[]) => Promise<Job[]>;
  cancel: (id: string) => Promise<void>;
  cancelAll: () => Promise<void>;
  /** A new job with the same request; resolves to it. */
  retry: (id: string) => Promise<Job>;
  /** The user's decision on a job left by an interrupted command: run it now, or discard it unsent. */
  decideInterrupted: (id: string, run: boolean) => Promise<void>;
  /** Hides every finished job from the queue (main keeps the rows: prompt history, spend ledger). */
  clearFinished: () => Promise<void>;
}

const JOBS_LIMIT = 100;

const newestFirst = (a: Job, b: Job): number => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

const FINAL: ReadonlySet<Job['status']> = new Set(['done', 'failed', 'blocked', 'cancelled']);
export const isFinal = (job: Job): boolean => FINAL.has(job.status);

/**
 * The queue as main reports it. `jobs.changed` carries only the jobs that changed, so everything is merged by id.
 * Replies and events can cross: a reply never overwrites a job an event has already reported, and nothing
 * overwrites a finished job with an unfinished state.
 */
export const useJobs = (): JobsState => {
  const [byId, setById] = useState<ReadonlyMap<string, Job>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const touchedByEvents = useRef(new Set<string>());

  const merge = useCallback((jobs: readonly Job[], opts: { skipTouched?: boolean } = {}) => {
    setById((current) => {
      const next = new Map(current);
      for (const job of jobs) {
        if (opts.skipTouched && touchedByEvents.current.has(job.id)) continue;
        // A finished job stays finished: a reply sent before it finished must not bring it back to life.
        const known = next.get(job.id);
        if (known && isFinal(known) && !isFinal(job)) continue;
        next.set(job.id, job);
      }
      return next;
    });
  }, []);

  useEffect(() => {
    let live = true;
    const unsubscribe = subscribe('jobs.changed', ({ jobs }) => {
      for (const job of jobs) touchedByEvents.current.add(job.id);
      merge(jobs);
    });
    call('jobs.list', { limit: JOBS_LIMIT }).then(
      ({ jobs }) => {
        if (!live) return;
        merge(jobs, { skipTouched: true });
        setLoaded(true);
      },
      (e: unknown) => {
        if (!live) return;
        setError(toApiError(e));
        setLoaded(true);
      },
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [merge]);

  const enqueue = useCallback(
    async (requests: JobRequest[]) => {
      const { jobs } = await call('jobs.enqueue', { requests });
      // An event may already have moved a job on (e.g. to running); the answer must not move it back.
      merge(jobs, { skipTouched: true });
      return jobs;
    },
    [merge],
  );

  const cancel = useCallback(
    async (id: string) => {
      const job = await call('jobs.cancel', { id });
      merge([job]);
    },
    [merge],
  );

  const cancelAll = useCallback(async () => {
    await call('jobs.cancel_all', {});
  }, []);

  const retry = useCallback(
    async (id: string) => {
      const job = await call('jobs.retry', { id });
      merge([job], { skipTouched: true });
      return job;
    },
    [merge],
  );

  const decideInterrupted = useCallback(
    async (id: string, run: boolean) => {
      merge([await call(run ? 'jobs.run_interrupted' : 'jobs.discard_interrupted', { id })]);
    },
    [merge],
  );

  const clearFinished = useCallback(async () => {
    await call('jobs.clear_finished', {});
    setById((current) => new Map([...current].filter(([, job]) => !isFinal(job))));
  }, []);

  const jobs = useMemo(() => [...byId.values()].toSorted(newestFirst), [byId]);
  return { jobs, loaded, error, enqueue, cancel, cancelAll, retry, decideInterrupted, clearFinished };
};

import type { Job } from '../../../shared/ipc/schemas/jobs.ts';

/** Callers waiting for a job to settle (the CLI's generate, cancel of a running job), by job id. */
export interface Waiters {
  wait(id: string): Promise<Job>;
  /** Resolves everyone waiting for `job`. */
  resolve(job: Job): void;
  /** Resolves everyone with the job as it is now (at close: whatever state it was left in). */
  resolveAll(current: (id: string) => Job | null): void;
}

export const createWaiters = (): Waiters => {
  const byId = new Map<string, Array<(job: Job) => void>>();
  return {
    wait: (id) => new Promise((resolve) => byId.set(id, [...(byId.get(id) ?? []), resolve])),
    resolve(job) {
      const list = byId.get(job.id);
      byId.delete(job.id);
      for (const resolve of list ?? []) resolve(job);
    },
    resolveAll(current) {
      for (const [id, list] of byId) {
        const job = current(id);
        if (job) for (const resolve of list) resolve(job);
      }
      byId.clear();
    },
  };
};

import type { ErrorCode } from '../../shared/errors.ts';
import type { Job } from '../../shared/ipc/schemas/jobs.ts';
import type { Services } from '../../main/core/services.ts';
import { refusedResult, resultOf, type RunResult } from './jobResult.ts';
import type { PlannedJob } from './plan.ts';

/**
 * A batch through the same queue as the app, at the queue's concurrency. Jobs are handed to the queue only as slots
 * free up, so stopping (Ctrl-C, a failure that every prompt would hit, too many failures) leaves nothing queued to
 * send: what was not handed over was never sent, and what waits in the queue is cancelled before it leaves.
 */

export interface BatchRules {
  /** Stop sending after this many failed prompts. */
  maxFailures: number;
}

/** Failures every other prompt would hit too, each a paid or key-locking try: the batch stops at the first. */
const BATCH_STOPPING: readonly ErrorCode[] = ['KEY_MISSING', 'KEY_INVALID_FORMAT', 'KEYCHAIN_UNAVAILABLE', 'AUTH_REJECTED', 'INSUFFICIENT_BALANCE'];

export type LineState =
  | { kind: 'settled'; result: RunResult }
  /** Running when the user stopped the batch; aborted. `charged` when the request may have reached Venice. */
  | { kind: 'in_flight'; result: RunResult; charged: boolean }
  /** Never sent: not handed to the queue, or cancelled while it waited. */
  | { kind: 'not_sent' };

export interface BatchOutcome {
  states: LineState[];
  /** Why the batch stopped before its end: a failure that stops batches, the failure limit, or the user. */
  stoppedBy: { kind: 'failure'; code: ErrorCode; line: PlannedJob } | { kind: 'limit'; failures: number } | { kind: 'user' } | null;
}

export interface BatchHooks {
  /** A prompt was handed to the queue. */
  started(entry: PlannedJob, jobId: string): void;
  /** A prompt finished (images, a failure, or both); not called for lines the user's stop cut short. */
  settled(entry: PlannedJob, result: RunResult): void;
}

const wasCutShort = (job: Job, runningAtStop: ReadonlySet<string>): boolean => job.status === 'cancelled' && runningAtStop.has(job.id);

export const runBatch = (services: Services, jobs: readonly PlannedJob[], rules: BatchRules, signal: AbortSignal, hooks: BatchHooks): Promise<BatchOutcome> => {
  const { queue } = services;
  const states = Array.from<LineState | undefined>({ length: jobs.length });
  const pending = new Map<string, number>();
  const runningAtStop = new Set<string>();
  let next = 0;
  let failures = 0;
  let stoppedBy: BatchOutcome['stoppedBy'] = null;
  const done = Promise.withResolvers<BatchOutcome>();

  const finishIfIdle = (): void => {
    if (pending.size > 0 || (next < jobs.length && stoppedBy === null)) return;
    signal.removeEventListener('abort', onAbort);
    done.resolve({ states: jobs.map((_, i) => states[i] ?? { kind: 'not_sent' }), stoppedBy });
  };

  /** Nothing more is handed over; what waits in the queue is cancelled (never sent), running jobs finish. */
  const stop = (why: NonNullable<BatchOutcome['stoppedBy']>): void => {
    stoppedBy ??= why;
    for (const id of pending.keys()) {
      const status = queue.get(id)?.status;
      if (status === 'queued' || status === 'waiting_offline') queue.cancel(id).catch(() => undefined);
    }
  };

  const onAbort = (): void => {
    for (const id of pending.keys()) if (queue.get(id)?.status === 'running') runningAtStop.add(id);
    stop({ kind: 'user' });
    // Running requests are aborted too: the user said stop. The client tells whether each may have been charged.
    for (const id of runningAtStop) queue.cancel(id).catch(() => undefined);
    finishIfIdle();
  };

  const record = (index: number, result: RunResult): void => {
    const entry = jobs[index]!;
    const job = result.job;
    if (job && wasCutShort(job, runningAtStop)) {
      states[index] = { kind: 'in_flight', result, charged: job.mayHaveBeenCharged };
      return;
    }
    if (job?.status === 'cancelled' && stoppedBy !== null) {
      states[index] = { kind: 'not_sent' };
      return;
    }
    states[index] = { kind: 'settled', result };
    hooks.settled(entry, result);
    if (!result.error) return;
    failures += 1;
    if (BATCH_STOPPING.includes(result.error.code)) stop({ kind: 'failure', code: result.error.code, line: entry });
    else if (failures >= rules.maxFailures) stop({ kind: 'limit', failures });
  };

  // record() may stop the batch from inside the loop (a refused request).
  const maySendMore = (): boolean => stoppedBy === null && !signal.aborted && pending.size < queue.concurrency && next < jobs.length;

  const fill = (): void => {
    while (maySendMore()) {
      const index = next++;
      let job: Job | undefined;
      try {
        [job] = queue.enqueue([jobs[index]!.request]);
      } catch (error) {
        record(index, refusedResult(error));
        continue;
      }
      if (!job) continue;
      const id = job.id;
      pending.set(id, index);
      hooks.started(jobs[index]!, id);
      void queue.settled(id).then(
        (settled) => {
          pending.delete(id);
          record(index, resultOf(services, settled));
          fill();
        },
        (error: unknown) => {
          pending.delete(id);
          record(index, refusedResult(error));
          fill();
        },
      );
    }
    finishIfIdle();
  };

  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  fill();
  return done.promise;
};

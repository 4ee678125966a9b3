import type { Job } from '../../../shared/ipc/schemas/jobs.ts';
import type { Clock } from './clock.ts';
import type { RunOutcome } from './jobRunner.ts';
import { requestedWaitMs } from '../venice/retry.ts';
import { createRateGate, type RateLimitSnapshot } from './rateGate.ts';

/**
 * When the queue may send the next job: Venice's rate limit (the gate), a circuit breaker that pauses after several
 * failed sends in a row (RELIABILITY H5: stay far below Venice's "20 failed requests in 30 s" lockout), and the
 * wait Venice asks for after a 429.
 */
export interface ThrottleOptions {
  ratePerMinute?: number;
  breakerFailures?: number;
  breakerPauseMs?: number;
  maxRateLimitRequeues?: number;
}

export interface Throttle {
  /** Milliseconds until a job of `weight` images may start (0: now). */
  delayFor(now: number, weight: number): number;
  take(now: number, weight: number): void;
  /** Learns from a finished run; true when the job should go back in line (429, not charged) instead of failing. */
  observe(job: Job, outcome: RunOutcome): boolean;
  snapshot(): RateLimitSnapshot | null;
  /** Until when the circuit breaker holds the queue back, or null when it does not. */
  pausedUntil(now: number): number | null;
}

export const createThrottle = (clock: Clock, opts: ThrottleOptions = {}, log: (line: string) => void = console.error): Throttle => {
  const gate = createRateGate(opts.ratePerMinute);
  const breakerFailures = opts.breakerFailures ?? 5;
  const breakerPauseMs = opts.breakerPauseMs ?? 30_000;
  const maxRequeues = opts.maxRateLimitRequeues ?? 3;
  const requeues = new Map<string, number>();
  let consecutiveFailures = 0;
  let pausedUntil = 0;

  const countForBreaker = (outcome: RunOutcome): void => {
    if (outcome.status === 'done' || outcome.status === 'blocked') consecutiveFailures = 0;
    // Failures that never reached Venice (no key, cancelled before sending) say nothing about Venice.
    if (outcome.status !== 'failed' || outcome.attempts === 0) return;
    consecutiveFailures += 1;
    if (consecutiveFailures < breakerFailures) return;
    consecutiveFailures = 0;
    pausedUntil = clock.now() + breakerPauseMs;
    log(`[queue] ${breakerFailures} generations failed in a row; pausing the queue for ${Math.round(breakerPauseMs / 1000)} s`);
  };

  const requeueAfter429 = (job: Job, outcome: RunOutcome): boolean => {
    if (outcome.status !== 'failed' || outcome.error?.code !== 'RATE_LIMITED' || outcome.mayHaveBeenCharged) return false;
    const count = requeues.get(job.id) ?? 0;
    if (count >= maxRequeues) return false;
    requeues.set(job.id, count + 1);
    const now = clock.now();
    // A 429 that says nothing about when to come back waits a full rate window.
    const waitMs = requestedWaitMs(outcome.error, now) ?? 60_000;
    gate.holdUntil(now + Math.max(1000, waitMs));
    return true;
  };

  return {
    delayFor: (now, weight) => Math.max(pausedUntil - now, gate.delayFor(now, weight), 0),
    take: (now, weight) => gate.take(now, weight),
    observe(job, outcome) {
      if (outcome.headers) gate.observe(outcome.headers, clock.now());
      const requeue = requeueAfter429(job, outcome);
      // A refused request is not a failure of Venice's work; it must not trip the breaker too.
      if (!requeue) {
        requeues.delete(job.id);
        countForBreaker(outcome);
      }
      return requeue;
    },
    snapshot: () => gate.snapshot(),
    pausedUntil: (now) => (pausedUntil > now ? pausedUntil : null),
  };
};

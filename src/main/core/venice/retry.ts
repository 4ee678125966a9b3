import { setTimeout as delay } from 'node:timers/promises';
import { AppError, isAppError } from '../../../shared/errors.ts';

/**
 * When a failed generation is tried again automatically. An image POST is paid and not idempotent, so only
 * failures that provably cost nothing are retried: 429 (RATE_LIMITED), 503 (UPSTREAM_UNAVAILABLE) and
 * connections that were never made (OFFLINE). A 500/502/504, a timeout, a reset or a broken answer may already
 * have been billed; retrying those could bill twice, so the user decides (RELIABILITY.md §4).
 *
 * The wait is the longest of what Venice asked for (`Retry-After`, `x-ratelimit-reset-requests`) and a
 * full-jitter exponential backoff, so clients that failed together do not come back together. A wait longer
 * than `maxWaitMs`, or one that would end past the overall deadline, is not sat out: the error goes back at once
 * with `details.retryAt`. Every error that leaves carries `details.attempts`.
 */
export interface RetryOptions {
  /** Automatic retries after the first attempt; default 3 (so at most 4 requests). */
  maxRetries?: number;
  /** Backoff ceiling for the first retry, doubling each time; default 500 ms. */
  baseDelayMs?: number;
  /** Cap on the backoff ceiling; default 8 s. */
  maxDelayMs?: number;
  /** No retry may start later than this after the first attempt started; default 60 s. */
  deadlineMs?: number;
  /** A server-requested wait longer than this fails fast instead; default 60 s. */
  maxWaitMs?: number;
  /** Injected for tests; must reject or resolve promptly when `signal` aborts (the caller's abort wins anyway). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8000, deadlineMs: 60_000, maxWaitMs: 60_000 } as const;

const defaultSleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
  await delay(ms, undefined, signal ? { signal } : {});
};

/** `false` turns retries off (one attempt) but keeps the injected clock, so errors are built the same way. */
export const resolveRetryPolicy = (options: RetryOptions | false | undefined): RetryPolicy => {
  const o = options === false || options === undefined ? {} : options;
  return {
    maxRetries: options === false ? 0 : Math.max(0, Math.floor(o.maxRetries ?? DEFAULT_RETRY.maxRetries)),
    baseDelayMs: o.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: o.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    deadlineMs: o.deadlineMs ?? DEFAULT_RETRY.deadlineMs,
    maxWaitMs: o.maxWaitMs ?? DEFAULT_RETRY.maxWaitMs,
    sleep: o.sleep ?? defaultSleep,
    random: o.random ?? Math.random,
    now: o.now ?? Date.now,
  };
};

const detailsOf = (error: { details?: unknown }): Record<string, unknown> =>
  typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details) ? (error.details as Record<string, unknown>) : {};

/** Only failures that reached no model (or were refused before any work) and say so. */
const isRetryable = (error: unknown): error is AppError =>
  isAppError(error) &&
  (error.code === 'RATE_LIMITED' || error.code === 'UPSTREAM_UNAVAILABLE' || error.code === 'OFFLINE') &&
  detailsOf(error).mayHaveBeenCharged !== true;

/** Upper bound of the full-jitter backoff before retry number `retryIndex` (0-based). */
export const backoffCeilingMs = (retryIndex: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number =>
  Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);

/** Full jitter (AWS Architecture Blog): uniform in [0, ceiling). */
export const jitteredBackoffMs = (retryIndex: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number =>
  policy.random() * backoffCeilingMs(retryIndex, policy);

/**
 * How long Venice asked us to wait, from `now`: Retry-After or the rate-limit reset time, whichever is later; null
 * when the answer said neither. Venice sends the reset time on every answer; it only says "wait" when no requests
 * remain in the window (an "overloaded" 429 with requests left is about capacity, not about this key's quota).
 * The one reading of these details: the client's retries and the queue's requeue after a 429 both use it.
 */
export const requestedWaitMs = (error: { details?: unknown }, now: number): number | null => {
  const d = detailsOf(error);
  if (typeof d.retryAfterMs !== 'number' && typeof d.rateLimitResetAtMs !== 'number') return null;
  const retryAfter = typeof d.retryAfterMs === 'number' ? d.retryAfterMs : 0;
  const quotaUsedUp = d.rateLimitRemaining === undefined || d.rateLimitRemaining === 0;
  const untilReset = quotaUsedUp && typeof d.rateLimitResetAtMs === 'number' ? d.rateLimitResetAtMs - now : 0;
  return Math.max(0, retryAfter, untilReset);
};

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; retryAt?: number };

/** Pure: whether to retry after `retriesSoFar` retries of a call that started at `startedAt`, and how long to wait. */
export const decideRetry = (error: unknown, retriesSoFar: number, startedAt: number, policy: RetryPolicy): RetryDecision => {
  if (!isRetryable(error) || retriesSoFar >= policy.maxRetries) return { retry: false };
  const now = policy.now();
  const asked = requestedWaitMs(error, now) ?? 0;
  if (asked > policy.maxWaitMs) return { retry: false, retryAt: now + asked };
  const waitMs = Math.ceil(Math.max(asked, jitteredBackoffMs(retriesSoFar, policy)));
  if (now + waitMs - startedAt > policy.deadlineMs) return { retry: false, retryAt: now + waitMs };
  return { retry: true, waitMs };
};

const roughly = (ms: number): string => {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
};

const annotated = (error: unknown, attempts: number, retryAt: number | undefined, now: number): unknown => {
  if (!isAppError(error)) return error;
  const details = { ...detailsOf(error), attempts, ...(retryAt !== undefined ? { retryAt } : {}) };
  const options = error.cause === undefined ? undefined : { cause: error.cause };
  if (retryAt === undefined) return new AppError(error.code, error.message, details, options);
  const wait = roughly(retryAt - now);
  const message =
    error.code === 'RATE_LIMITED'
      ? `Venice is limiting how fast you can generate — try again in about ${wait}.`
      : error.code === 'UPSTREAM_UNAVAILABLE'
        ? `Venice cannot serve this model right now — try again in about ${wait}.`
        : `${error.message} Try again in about ${wait}.`;
  return new AppError(error.code, message, details, options);
};

/** Adds `attempts` to an error's details (0 for checks that failed before anything was sent). */
export const withAttempts = (error: unknown, attempts: number): unknown => annotated(error, attempts, undefined, 0);

const cancelledWhileWaiting = (attempts: number): AppError =>
  new AppError('CANCELLED', 'The generation was cancelled while Lagoon waited to try again. Nothing was charged.', {
    mayHaveBeenCharged: false,
    attempts,
  });

/** Sleeps, but the caller's abort ends the wait at once, whatever the injected sleep does. */
const waitUnlessCancelled = async (ms: number, policy: RetryPolicy, signal: AbortSignal | undefined, attempts: number): Promise<void> => {
  if (!signal) return policy.sleep(ms);
  if (signal.aborted) throw cancelledWhileWaiting(attempts);
  const aborted = Promise.withResolvers<never>();
  const onAbort = (): void => aborted.reject(cancelledWhileWaiting(attempts));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([policy.sleep(ms, signal), aborted.promise]);
  } catch (error) {
    if (signal.aborted) throw cancelledWhileWaiting(attempts);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw cancelledWhileWaiting(attempts);
};

/** Runs `attempt` until it succeeds or the policy says stop; the thrown error carries `details.attempts`. */
export const withRetry = async <T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<{ value: T; attempts: number }> => {
  const startedAt = policy.now();
  for (let attempts = 1; ; attempts++) {
    try {
      return { value: await attempt(), attempts };
    } catch (error) {
      const decision = decideRetry(error, attempts - 1, startedAt, policy);
      if (!decision.retry) throw annotated(error, attempts, decision.retryAt, policy.now());
      await waitUnlessCancelled(decision.waitMs, policy, signal, attempts);
    }
  }
};

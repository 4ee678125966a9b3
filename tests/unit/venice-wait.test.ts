import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import { appErrorFromResponse } from '../../src/main/core/venice/httpErrors.ts';
import { decideRetry, resolveRetryPolicy } from '../../src/main/core/venice/retry.ts';
import { createThrottle } from '../../src/main/core/queue/throttle.ts';
import type { RunOutcome } from '../../src/main/core/queue/jobRunner.ts';
import { manualClock } from './helpers/queueHarness.ts';

/**
 * "How long did Venice ask us to wait" has one reading: the client's retry after a 429 and the queue's requeue after
 * a 429 it gave up on hold for the same time, built from the same headers.
 */
const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const job = { id: '00000000-0000-4000-8000-0000000000aa' } as Job;

const tooMany = (headers: Record<string, string>): AppError => appErrorFromResponse(429, new Headers(headers), '{"error":"slow down"}', NOW);

/** How long the queue holds every start after this 429. */
const queueHoldMs = (error: AppError): number => {
  const clock = manualClock(NOW);
  const throttle = createThrottle(clock, {}, () => undefined);
  const outcome: RunOutcome = { status: 'failed', imageIds: [], error: error.toPayload(), mayHaveBeenCharged: false, attempts: 1, headers: null };
  expect(throttle.observe(job, outcome)).toBe(true);
  return throttle.delayFor(NOW, 1);
};

/** The longest wait the client's retry may choose (its jitter can only add to what Venice asked). */
const clientWaitMs = (error: AppError): number => {
  const decision = decideRetry(error, 0, NOW, resolveRetryPolicy({ now: () => NOW, random: () => 0, maxWaitMs: 600_000, deadlineMs: 600_000 }));
  expect(decision.retry).toBe(true);
  return decision.retry ? decision.waitMs : -1;
};

describe('the wait Venice asked for', () => {
  it.each([
    ['Retry-After in seconds', { 'retry-after': '7' }, 7_000],
    ['the reset time when no requests remain', { 'x-ratelimit-reset-requests': String(NOW + 12_000), 'x-ratelimit-remaining-requests': '0' }, 12_000],
    ['the later of the two', { 'retry-after': '3', 'x-ratelimit-reset-requests': String(NOW + 9_000) }, 9_000],
    ['Retry-After only, when requests remain (capacity, not quota)', { 'retry-after': '2', 'x-ratelimit-reset-requests': String(NOW + 40_000), 'x-ratelimit-remaining-requests': '5' }, 2_000],
  ])('%s: the client and the queue wait the same', (_what, headers, expected) => {
    const error = tooMany(headers);
    expect(clientWaitMs(error)).toBe(expected);
    expect(queueHoldMs(error)).toBe(expected);
  });

  it('a 429 that names no time: the queue waits a whole rate window, the client only its backoff', () => {
    const error = tooMany({});
    expect(queueHoldMs(error)).toBe(60_000);
    expect(clientWaitMs(error)).toBe(0);
  });
});

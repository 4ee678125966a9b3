import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../src/shared/errors.ts';
import { createVeniceClient, type VeniceClient } from '../../src/main/core/venice/client.ts';
import { parseRateLimitResetMs, parseRetryAfterMs } from '../../src/main/core/venice/httpErrors.ts';
import { attemptsOf, nativeRequest, recording, rejectionWithout } from './helpers/retryHelpers.ts';
import { backoffCeilingMs, decideRetry, jitteredBackoffMs, resolveRetryPolicy, type RetryOptions } from '../../src/main/core/venice/retry.ts';

// RELIABILITY.md §4: how long the client waits before a retry (H3: Retry-After and the rate-limit reset, from a
// scripted stand-in Venice), the pure retry decision, and the jitter distribution (H4). Waits are recorded
// through the injected sleep; nothing here depends on the wall clock beyond header dates.

const KEY = 'vk-CANARY-waits-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';
const rejection = rejectionWithout(KEY);
const request = nativeRequest;





/** A stand-in Venice that answers each POST from a script (then succeeds), for headers the fake never sends. */
const scripted = async (
  script: Array<Record<string, string>>,
): Promise<{ client: VeniceClient; posts: () => number; close: () => Promise<void> }> => {
  const image = (await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).webp().toBuffer()).toString('base64');
  let posts = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const headers = script[posts++];
      if (headers) {
        res.writeHead(429, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify({ error: 'Rate limit exceeded' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'generate-image-1', images: [image], timing: { total: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    client: createVeniceClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` }),
    posts: () => posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** One 429 with these headers, then success: what the client waited in between. */
const waitsFor = async (headers: Record<string, string>, random = 0): Promise<{ waits: number[]; posts: number }> => {
  const venice = await scripted([headers]);
  try {
    const { retry, waits } = recording({}, random);
    await venice.client.generateNative(request('h3'), KEY, { retry });
    return { waits, posts: venice.posts() };
  } finally {
    await venice.close();
  }
};

describe('H3: how long to wait', () => {
  it('Retry-After: 2 → waits 2000 ms', async () => {
    expect(await waitsFor({ 'retry-after': '2' })).toEqual({ waits: [2000], posts: 2 });
  });

  it('Retry-After as an HTTP-date about 4 s ahead → waits 3–4 s', async () => {
    const { waits } = await waitsFor({ 'retry-after': new Date(Date.now() + 4000).toUTCString() });
    expect(waits[0]).toBeGreaterThanOrEqual(2900);
    expect(waits[0]).toBeLessThanOrEqual(4000);
  });

  it.each([['-1'], ['abc'], ['']])('Retry-After %j → the default backoff', async (value) => {
    // random 0.5 → half of the first ceiling (500 ms)
    expect((await waitsFor({ 'retry-after': value }, 0.5)).waits).toEqual([250]);
  });

  it('Retry-After: 86400 → fails fast with retryAt, never sleeping', async () => {
    const venice = await scripted([{ 'retry-after': '86400' }]);
    try {
      const { retry, waits } = recording();
      const before = Date.now();
      const err = await rejection(venice.client.generateNative(request('h3 a day'), KEY, { retry }), 'RATE_LIMITED');
      expect([waits, venice.posts(), attemptsOf(err)]).toEqual([[], 1, 1]);
      const retryAt = (err.details as { retryAt: number }).retryAt;
      expect(retryAt).toBeGreaterThanOrEqual(before + 86_400_000);
      expect(err.message).toMatch(/try again in about 24 hours/);
    } finally {
      await venice.close();
    }
  });

  it('x-ratelimit-reset-requests as epoch ms, epoch seconds and seconds-until (quota used up)', async () => {
    // Bounds leave seconds of slack for a loaded CI machine between the header being written and read.
    const epochMs = await waitsFor({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': String(Date.now() + 3000) });
    expect(epochMs.waits[0]).toBeGreaterThan(1000);
    expect(epochMs.waits[0]).toBeLessThanOrEqual(3000);
    const epochS = await waitsFor({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': String(Math.floor(Date.now() / 1000) + 3) });
    expect(epochS.waits[0]).toBeGreaterThan(1000);
    expect(epochS.waits[0]).toBeLessThanOrEqual(3000);
    const secondsUntil = await waitsFor({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2' });
    expect(secondsUntil.waits[0]).toBeGreaterThan(1900);
    expect(secondsUntil.waits[0]).toBeLessThanOrEqual(2000);
  });

  it('ignores the reset time while requests remain (an overload 429, not a quota one)', async () => {
    const { waits } = await waitsFor({ 'x-ratelimit-remaining-requests': '7', 'x-ratelimit-reset-requests': String(Date.now() + 30_000) }, 0.5);
    expect(waits).toEqual([250]);
  });

  it('parses the header forms directly', () => {
    const now = 1_800_000_000_000;
    expect([parseRetryAfterMs('2', now), parseRetryAfterMs('0.5', now), parseRetryAfterMs('86400', now)]).toEqual([2000, 500, 86_400_000]);
    expect(parseRetryAfterMs(new Date(now + 3000).toUTCString(), now)).toBe(3000);
    expect(['-1', 'abc', '', '   ', '7 days', '-5'].map((v) => parseRetryAfterMs(v, now))).toEqual(Array(6).fill(undefined));
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    const reset = (v: string): number | undefined => parseRateLimitResetMs(v, now);
    expect([reset(String(now + 1234)), reset(String((now + 5000) / 1000)), reset('30'), reset('6m0s'), reset('250ms'), reset('1.5s')]).toEqual([
      now + 1234,
      now + 5000,
      now + 30_000,
      now + 360_000,
      now + 250,
      now + 1500,
    ]);
    expect(['soon', '-3', ''].map(reset)).toEqual([undefined, undefined, undefined]);
  });
});

/** Jitter at its ceiling and a clock stopped at 10 s, so decisions are exact. */
const policy = (o: RetryOptions = {}) => resolveRetryPolicy({ random: () => 1, now: () => 10_000, ...o });
const failed = (code: ErrorCode, details: Record<string, unknown> = {}) => new AppError(code, code, { mayHaveBeenCharged: false, ...details });

describe('the policy itself (pure)', () => {
  it('retries only RATE_LIMITED, UPSTREAM_UNAVAILABLE and OFFLINE', () => {
    const codes: ErrorCode[] = ['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'OFFLINE', 'UPSTREAM_ERROR', 'TIMEOUT', 'INVALID_RESPONSE', 'UPSTREAM_BAD_REQUEST', 'AUTH_REJECTED', 'INSUFFICIENT_BALANCE', 'MODEL_NOT_FOUND', 'CANCELLED', 'INTERNAL'];
    const retried = codes.filter((c) => decideRetry(failed(c), 0, 10_000, policy()).retry);
    expect(retried).toEqual(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'OFFLINE']);
    expect(decideRetry(failed('RATE_LIMITED', { mayHaveBeenCharged: true }), 0, 10_000, policy()).retry).toBe(false);
    expect(decideRetry(new Error('boom'), 0, 10_000, policy()).retry).toBe(false);
  });

  it('stops after maxRetries and past the overall deadline, saying when to come back', () => {
    expect(decideRetry(failed('OFFLINE'), 3, 10_000, policy())).toEqual({ retry: false });
    expect(decideRetry(failed('OFFLINE'), 2, 10_000, policy())).toEqual({ retry: true, waitMs: 2000 });
    // started 59.5 s ago; a 1 s wait would end past the 60 s deadline
    expect(decideRetry(failed('UPSTREAM_UNAVAILABLE', { retryAfterMs: 1000 }), 0, 10_000 - 59_500, policy())).toEqual({ retry: false, retryAt: 11_000 });
    expect(decideRetry(failed('RATE_LIMITED', { retryAfterMs: 60_001 }), 0, 10_000, policy())).toEqual({ retry: false, retryAt: 70_001 });
    expect(decideRetry(failed('RATE_LIMITED', { retryAfterMs: 60_000 }), 0, 10_000, policy())).toEqual({ retry: true, waitMs: 60_000 });
  });

  it('H4: full jitter stays inside [0, min(cap, base·2^k)] with the mean at half, over 10,000 samples per k', () => {
    const real = resolveRetryPolicy({});
    for (let k = 0; k < 6; k++) {
      const ceiling = backoffCeilingMs(k, real);
      expect(ceiling).toBe(Math.min(8000, 500 * 2 ** k));
      let sum = 0;
      for (let i = 0; i < 10_000; i++) {
        const d = jitteredBackoffMs(k, real);
        expect(d >= 0 && d <= ceiling).toBe(true);
        sum += d;
      }
      expect(Math.abs(sum / 10_000 - ceiling / 2)).toBeLessThan(0.05 * (ceiling / 2));
    }
  });

  it('H4: 1,000 clients failing together do not come back together (no 100 ms bucket over 5 %)', () => {
    const real = resolveRetryPolicy({});
    const buckets = new Map<number, number>();
    // The fourth retry's ceiling is 8 s; the first ones (0.5–2 s) are too short to spread 1,000 clients that thin.
    for (let i = 0; i < 1000; i++) {
      const b = Math.floor(jitteredBackoffMs(4, real) / 100);
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    expect(Math.max(...buckets.values())).toBeLessThanOrEqual(50);
  });
});

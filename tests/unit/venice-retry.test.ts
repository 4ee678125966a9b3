import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { createVeniceClient, type VeniceClient } from '../../src/main/core/venice/client.ts';
import { resolveRetryPolicy, withRetry } from '../../src/main/core/venice/retry.ts';
import { startFakeVenice, type FakeVenice } from '../fake-venice/server.ts';
import { attemptsOf, nativeRequest, recording, rejectionWithout } from './helpers/retryHelpers.ts';
import { fakeVeniceForFile } from './helpers/fakeVeniceForFile.ts';

// RELIABILITY.md §4 against the fake: which failures are retried (H2), counted in POSTs, and cancelling a wait.
// Waits are recorded through the injected sleep, so nothing here depends on the wall clock. The default policy
// is maxRetries 3: a request that keeps failing retryably is sent 4 times in all. How long the client waits
// (H3) and the jitter (H4): venice-retry-waits.test.ts.

const KEY = 'vk-CANARY-retry-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';
const rejection = rejectionWithout(KEY);
const request = nativeRequest;
const NATIVE = '/api/v1/image/generate';

let fake: FakeVenice;
let client: VeniceClient;

fakeVeniceForFile({ apiKey: KEY, rateLimitPerMinute: 100_000 }, (started) => {
  fake = started;
  client = createVeniceClient({ baseUrl: fake.url });
});


const postsWithPrompt = (f: FakeVenice, prompt: string, path = NATIVE): number =>
  f.requests.filter((r) => r.method === 'POST' && r.path === path && (r.body as { prompt?: string } | undefined)?.prompt === prompt).length;




describe('H2: what is retried, counted in POSTs that reached the fake', () => {
  it('[429 RA:1, 429 RA:1, 200] → 3 POSTs, 1 image, waits of at least Retry-After', async () => {
    const prompt = 'h2 rate limited twice [fail:429x2]';
    const { retry, waits } = recording();
    const result = await client.generateNative(request(prompt), KEY, { retry });
    expect([result.images.length, result.attempts, postsWithPrompt(fake, prompt)]).toEqual([1, 3, 3]);
    expect(waits).toEqual([1000, 1000]);
  });

  it('[503 ×3, 200] → 4 POSTs and an image with the default 3 retries', async () => {
    const prompt = 'h2 busy thrice [fail:503x3]';
    const { retry, waits } = recording({}, 1);
    const result = await client.generateNative(request(prompt), KEY, { retry });
    expect([result.attempts, postsWithPrompt(fake, prompt)]).toEqual([4, 4]);
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('[503, 503, 503] with maxRetries 2 → 3 POSTs, UPSTREAM_UNAVAILABLE, nothing saved', async () => {
    const prompt = 'h2 busy thrice, two retries [fail:503x3]';
    const { retry } = recording({ maxRetries: 2 });
    const err = await rejection(client.generateNative(request(prompt), KEY, { retry }), 'UPSTREAM_UNAVAILABLE');
    expect([attemptsOf(err), postsWithPrompt(fake, prompt)]).toEqual([3, 3]);
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false, status: 503 });
  });

  it('503 for ever → 4 POSTs (1 + 3 retries), then UPSTREAM_UNAVAILABLE', async () => {
    const prompt = 'h2 always busy [fail:503]';
    const { retry } = recording();
    const err = await rejection(client.generateNative(request(prompt), KEY, { retry }), 'UPSTREAM_UNAVAILABLE');
    expect([attemptsOf(err), postsWithPrompt(fake, prompt)]).toEqual([4, 4]);
  });

  it.each([
    ['[fail:500]', 'UPSTREAM_ERROR'],
    ['[fail:502]', 'UPSTREAM_ERROR'],
    ['[fail:504]', 'UPSTREAM_ERROR'],
    ['[fail:reset]', 'UPSTREAM_ERROR'],
    ['[fail:badjson]', 'INVALID_RESPONSE'],
    ['[fail:402]', 'INSUFFICIENT_BALANCE'],
    ['[fail:403]', 'AUTH_REJECTED'],
    ['[fail:404]', 'MODEL_NOT_FOUND'],
    ['[fail:413]', 'PAYLOAD_TOO_LARGE'],
  ] as const)('%s → exactly 1 POST (%s is never retried)', async (trigger, code) => {
    const prompt = `h2 once ${trigger}`;
    const { retry, waits } = recording();
    const err = await rejection(client.generateNative(request(prompt), KEY, { retry }), code);
    expect([attemptsOf(err), postsWithPrompt(fake, prompt), waits.length]).toEqual([1, 1, 0]);
  });

  it('a Venice 400 (steps over the model max) → exactly 1 POST', async () => {
    const prompt = 'h2 bad steps';
    const { retry } = recording();
    await rejection(client.generateNative({ model: 'venice-sd35', prompt, steps: 31 }, KEY, { retry }), 'UPSTREAM_BAD_REQUEST');
    expect(postsWithPrompt(fake, prompt)).toBe(1);
  });

  it('[timeout] → exactly 1 POST', async () => {
    const prompt = 'h2 too slow [fail:slow:5000]';
    const impatient = createVeniceClient({ baseUrl: fake.url, timeoutMs: 200 });
    const { retry } = recording();
    const err = await rejection(impatient.generateNative(request(prompt), KEY, { retry }), 'TIMEOUT');
    expect([attemptsOf(err), postsWithPrompt(fake, prompt)]).toEqual([1, 1]);
  });

  it('[ECONNREFUSED ×2, 200] → the image, with exactly 1 POST reaching Venice', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    let late: FakeVenice | undefined;
    const waits: number[] = [];
    // Venice comes up during the second wait, on the port the client has been knocking on.
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms);
      if (waits.length === 2) late = await startFakeVenice({ apiKey: KEY, port });
    };
    try {
      const prompt = 'h2 refused twice';
      const result = await createVeniceClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` }).generateNative(request(prompt), KEY, {
        retry: { sleep, random: () => 0.5 },
      });
      expect([result.attempts, result.images.length, waits]).toEqual([3, 1, [250, 500]]);
      expect(late?.requests.map((r) => r.path)).toEqual([NATIVE]);
    } finally {
      await late?.close();
    }
  });

  it('retries the OpenAI-compatible route the same way', async () => {
    const prompt = 'h2 openai busy once [fail:503x1]';
    const { retry } = recording();
    const result = await client.generateOpenAi({ prompt, size: '256x256' }, KEY, { retry });
    expect([result.attempts, postsWithPrompt(fake, prompt, '/api/v1/images/generations')]).toEqual([2, 2]);
  });

  it('retry: false sends exactly once', async () => {
    const prompt = 'h2 no retries [fail:503x1]';
    const err = await rejection(client.generateNative(request(prompt), KEY, { retry: false }), 'UPSTREAM_UNAVAILABLE');
    expect([attemptsOf(err), postsWithPrompt(fake, prompt)]).toEqual([1, 1]);
  });
});

describe('H3 against the fake', () => {
  it('[fail:429reset] from the fake: waits until the reset, at most 1 s each time', async () => {
    const prompt = 'h3 reset [fail:429reset]';
    const { retry, waits } = recording({ maxRetries: 2 });
    const err = await rejection(client.generateNative(request(prompt), KEY, { retry }), 'RATE_LIMITED');
    expect([attemptsOf(err), postsWithPrompt(fake, prompt), waits.length]).toEqual([3, 3, 2]);
    for (const w of waits) {
      expect(w).toBeGreaterThan(500);
      expect(w).toBeLessThanOrEqual(1000);
    }
  });
});

describe('cancelling while waiting to retry', () => {
  it('an abort ends an injected sleep that never returns, at once, with CANCELLED', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const never = new Promise<void>(() => undefined);
    const run = withRetry(
      async () => {
        attempts++;
        throw new AppError('UPSTREAM_UNAVAILABLE', 'busy', { mayHaveBeenCharged: false });
      },
      resolveRetryPolicy({ sleep: () => never }),
      controller.signal,
    );
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const err = await rejection(run, 'CANCELLED');
    expect(err.details).toEqual({ mayHaveBeenCharged: false, attempts: 1 });
    expect(attempts).toBe(1);
  });

  it('an abort during a real 30 s backoff → CANCELLED right away, and no second POST', async () => {
    const prompt = 'cancel while waiting [fail:503x1]';
    const controller = new AbortController();
    const run = client.generateNative(request(prompt), KEY, {
      signal: controller.signal,
      retry: { baseDelayMs: 30_000, maxDelayMs: 30_000, random: () => 1 },
    });
    while (postsWithPrompt(fake, prompt) === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const err = await rejection(run, 'CANCELLED');
    expect(err.message).toMatch(/waited to try again/);
    expect([attemptsOf(err), postsWithPrompt(fake, prompt)]).toEqual([1, 1]);
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../src/shared/errors.ts';
import type { OpenAiImageRequest } from '../../src/shared/venice.ts';
import { createVeniceClient, type VeniceClient } from '../../src/main/core/venice/client.ts';
import { startFakeVenice, type FakeVenice } from '../fake-venice/server.ts';
import { fakeVeniceForFile } from './helpers/fakeVeniceForFile.ts';

// The canary is the key the fake accepts, so every request below carries it; no error may ever show it.
const CANARY = 'vk-CANARY-7f3e9b21d4c8a6e5f0b1c2d3e4f5a6b7';
const OTHER_CANARY = 'vk-WRONG-CANARY-0a1b2c3d4e5f60718293a4b5c6d7e8f9';

let fake: FakeVenice;
let client: VeniceClient;

fakeVeniceForFile({ apiKey: CANARY, rateLimitPerMinute: 100_000 }, (started) => {
  fake = started;
  client = createVeniceClient({ baseUrl: fake.url });
});

/** Simulates Venice tightening its schema: adds a key Venice's closed schema refuses. */
const drifting: typeof fetch = (url, init) =>
  fetch(url, { ...init, body: JSON.stringify({ ...(JSON.parse(String(init?.body)) as object), safe_mode: true }) });

const postsTo = (f: FakeVenice): number => f.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/images/generations').length;

/** Runs `call`, expects an AppError with `code`, checks the key never leaks, and returns the error and POSTs sent. */
const failure = async (
  call: () => Promise<unknown>,
  code: ErrorCode,
  f: FakeVenice = fake,
): Promise<{ err: AppError; posts: number }> => {
  const before = postsTo(f);
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  const err = caught as AppError;
  expect([err.code, err.message]).toEqual([code, expect.any(String)]);
  for (const key of [CANARY, OTHER_CANARY]) {
    expect(inspect(err, { depth: Infinity, showHidden: true })).not.toContain(key);
    expect(JSON.stringify(err.toPayload())).not.toContain(key);
    expect(err.message).not.toContain(key.slice(0, 12));
  }
  return { err, posts: postsTo(f) - before };
};

describe('generateOpenAi success', () => {
  it.each([
    ['png', '256x256', 256, 256],
    ['jpeg', '512x512', 512, 512],
    ['webp', '1024x1536', 1024, 1536],
  ] as const)('returns real %s bytes of the requested size', async (format, size, width, height) => {
    const before = fake.requests.length;
    const result = await client.generateOpenAi({ prompt: `a ${format} lagoon`, size, output_format: format }, CANARY);
    const meta = await sharp(result.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format, width, height });
    expect(result.format).toBe(format);
    expect(result.request).toEqual({ prompt: `a ${format} lagoon`, size, output_format: format, n: 1, response_format: 'b64_json' });

    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual(result.request);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(sent[0]?.headers['content-type']).toBe('application/json');
  });

  it('defaults to png and 1024x1024 and keeps only Venice headers', async () => {
    const result = await client.generateOpenAi({ prompt: 'defaults' }, CANARY);
    const meta = await sharp(result.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1024, 1024]);
    expect(result.format).toBe('png');
    expect(Number.isInteger(result.response.created)).toBe(true);
    expect(result.response.durationMs).toBeGreaterThanOrEqual(0);
    const names = Object.keys(result.response.headers);
    expect(names).toEqual(expect.arrayContaining(['cf-ray', 'x-venice-version', 'x-ratelimit-remaining-requests', 'x-venice-balance-usd']));
    expect(names.every((n) => n === 'cf-ray' || n.startsWith('x-venice-') || n.startsWith('x-ratelimit-'))).toBe(true);
    expect(result.flags).toEqual({ blurred: false, contentViolation: false });
    expect(result.attempts).toBe(1);
  });

  it('accepts a data-URL answer for response_format url', async () => {
    const result = await client.generateOpenAi({ prompt: 'by url', size: '256x256', output_format: 'webp', response_format: 'url' }, CANARY);
    expect((await sharp(result.bytes).metadata()).format).toBe('webp');
    expect(result.request.response_format).toBe('url');
  });

  it('reports blurring and content violations as flags', async () => {
    const blurred = await client.generateOpenAi({ prompt: 'nsfw scene', size: '256x256' }, CANARY);
    expect(blurred.flags).toEqual({ blurred: true, contentViolation: false });
    const violation = await client.generateOpenAi({ prompt: '[fail:violation]', size: '256x256' }, CANARY);
    expect(violation.flags.contentViolation).toBe(true);
    expect(violation.response.headers['x-venice-is-content-violation']).toBe('true');
  });

  it('accepts a base URL with a trailing slash', async () => {
    const slashed = createVeniceClient({ baseUrl: `${fake.url}/` });
    const result = await slashed.generateOpenAi({ prompt: 'slash', size: '256x256' }, CANARY);
    expect(result.bytes.length).toBeGreaterThan(0);
  });
});

describe('generateOpenAi input checks (nothing is sent)', () => {
  it.each([
    ['an empty prompt', { prompt: '' }],
    ['a whitespace prompt', { prompt: '   \n ' }],
    ['a 1501-character prompt', { prompt: 'x'.repeat(1501) }],
    ['an unpaired surrogate', { prompt: 'wave \ud83c' }],
    ['n = 2', { prompt: 'p', n: 2 }],
    ['an unknown size', { prompt: 'p', size: '300x300' }],
    ['an unknown format', { prompt: 'p', output_format: 'gif' }],
    ['an unknown key', { prompt: 'p', safe_mode: false }],
    ['output_compression 101', { prompt: 'p', output_compression: 101 }],
  ])('rejects %s with INVALID_INPUT', async (_label, request) => {
    const { err, posts } = await failure(() => client.generateOpenAi(request as OpenAiImageRequest, CANARY), 'INVALID_INPUT');
    expect(posts).toBe(0);
    expect(err.message).toMatch(/Nothing was sent/);
  });

  it('rejects a missing key and a key that could not be a header value', async () => {
    expect((await failure(() => client.generateOpenAi({ prompt: 'p' }, ''), 'KEY_MISSING')).posts).toBe(0);
    const { posts } = await failure(() => client.generateOpenAi({ prompt: 'p' }, `${OTHER_CANARY}\nX-Evil: 1`), 'KEY_INVALID_FORMAT');
    expect(posts).toBe(0);
  });

  it('does not send when the caller already cancelled', async () => {
    const { posts } = await failure(() => client.generateOpenAi({ prompt: 'p' }, CANARY, { signal: AbortSignal.abort() }), 'CANCELLED');
    expect(posts).toBe(0);
  });
});

describe('generateOpenAi failures', () => {
  // The third column: whether Venice may have billed it, which the message must then say.
  it.each([
    ['[fail:402]', 'INSUFFICIENT_BALANCE', false],
    ['[fail:403]', 'AUTH_REJECTED', false],
    ['[fail:404]', 'MODEL_NOT_FOUND', false],
    ['[fail:413]', 'PAYLOAD_TOO_LARGE', false],
    ['[fail:415]', 'UPSTREAM_BAD_REQUEST', false],
    ['[fail:429]', 'RATE_LIMITED', false],
    ['[fail:500]', 'UPSTREAM_ERROR', true],
    ['[fail:502]', 'UPSTREAM_ERROR', true],
    ['[fail:503]', 'UPSTREAM_UNAVAILABLE', false],
    ['[fail:504]', 'UPSTREAM_ERROR', true],
    ['[fail:html200]', 'INVALID_RESPONSE', true],
    ['[fail:badjson]', 'INVALID_RESPONSE', true],
    ['[fail:badb64]', 'INVALID_RESPONSE', true],
    ['[fail:wrongformat]', 'INVALID_RESPONSE', true],
    ['[fail:empty]', 'INVALID_RESPONSE', true],
    ['[fail:reset]', 'UPSTREAM_ERROR', true],
  ] as const)('%s → %s after exactly one POST (retries off)', async (trigger, code, charged) => {
    const { err, posts } = await failure(() => client.generateOpenAi({ prompt: `lagoon ${trigger}` }, CANARY, { retry: false }), code);
    expect(posts).toBe(1);
    expect(err.details).toMatchObject({ mayHaveBeenCharged: charged, attempts: 1 });
    expect(/may have been charged/.test(err.message)).toBe(charged);
  });

  it('gives the exact message for a rejected key', async () => {
    const { err, posts } = await failure(() => client.generateOpenAi({ prompt: 'p' }, OTHER_CANARY), 'AUTH_REJECTED');
    expect(posts).toBe(1);
    expect(err.message).toMatch(/^Your API key was rejected — check it in Settings\./);
    expect(err.details).toMatchObject({ status: 401, mayHaveBeenCharged: false, veniceError: 'Authentication failed' });
  });

  it('passes on Retry-After and Venice request ids', async () => {
    const { err } = await failure(() => client.generateOpenAi({ prompt: '[fail:429]' }, CANARY, { retry: false }), 'RATE_LIMITED');
    expect(err.details).toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect((err.details as { requestId?: string }).requestId).toMatch(/^[0-9a-f]{16}-AMS$/);
  });

  it('keeps a snippet of an HTML error page', async () => {
    const { err } = await failure(() => client.generateOpenAi({ prompt: '[fail:502]' }, CANARY), 'UPSTREAM_ERROR');
    expect((err.details as { bodySnippet?: string }).bodySnippet).toContain('502 Bad Gateway');
  });

  it('maps a Venice 400 to UPSTREAM_BAD_REQUEST with its field errors', async () => {
    const driftClient = createVeniceClient({ baseUrl: fake.url, fetch: drifting });
    const { err, posts } = await failure(() => driftClient.generateOpenAi({ prompt: 'p' }, CANARY), 'UPSTREAM_BAD_REQUEST');
    expect(posts).toBe(1);
    expect(err.message).toContain('Invalid request parameters');
    expect(err.message).toContain("Unrecognized key(s) in object: 'safe_mode'");
    expect(err.details).toMatchObject({
      status: 400,
      details: { _errors: ["Unrecognized key(s) in object: 'safe_mode'"] },
      issues: [{ code: 'unrecognized_keys', keys: ['safe_mode'] }],
    });
  });

  it('maps the offline model to UPSTREAM_UNAVAILABLE', async () => {
    const { err } = await failure(
      () => client.generateOpenAi({ prompt: 'p', model: 'hunyuan-image-v3' }, CANARY, { retry: false }),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(err.details).toMatchObject({ status: 503, veniceError: expect.stringContaining('offline') });
  });

  it('rejects a data URL of the wrong format', async () => {
    const { posts } = await failure(
      () => client.generateOpenAi({ prompt: '[fail:wrongformat]', size: '256x256', response_format: 'url' }, CANARY),
      'INVALID_RESPONSE',
    );
    expect(posts).toBe(1);
  });

  it('abandons answers larger than maxResponseBytes', async () => {
    const small = createVeniceClient({ baseUrl: fake.url, maxResponseBytes: 1000 });
    const { err } = await failure(() => small.generateOpenAi({ prompt: 'too big', size: '256x256' }, CANARY), 'INVALID_RESPONSE');
    expect(err.message).toMatch(/larger than 1000 bytes/);
  });

  it('does not follow a redirect to another origin', async () => {
    const before = fake.requests.length;
    const { err, posts } = await failure(() => client.generateOpenAi({ prompt: '[fail:redirect]' }, CANARY), 'INVALID_RESPONSE');
    expect(posts).toBe(1);
    const hosts = fake.requests.slice(before).map((r) => r.headers.host);
    expect(hosts.every((h) => String(h).startsWith('127.0.0.1:'))).toBe(true);
    expect(err.message).toMatch(/redirect/);
  });

  it('times out with TIMEOUT, saying the request may have been charged', async () => {
    const impatient = createVeniceClient({ baseUrl: fake.url, timeoutMs: 250 });
    const { err, posts } = await failure(() => impatient.generateOpenAi({ prompt: '[fail:slow:5000]' }, CANARY), 'TIMEOUT');
    expect(posts).toBe(1);
    expect(err.message).toMatch(/may have been charged/);
  });

  it('cancels with CANCELLED when the caller aborts mid-request', async () => {
    const controller = new AbortController();
    const before = postsTo(fake);
    const call = client.generateOpenAi({ prompt: '[fail:slow:5000]' }, CANARY, { signal: controller.signal });
    while (postsTo(fake) === before) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const { posts } = await failure(() => call, 'CANCELLED');
    expect(posts).toBe(0); // counted before `failure` started
    expect(postsTo(fake) - before).toBe(1);
  });

  it('reports OFFLINE when nothing listens on the port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const closed = createVeniceClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` });
    const { err } = await failure(() => closed.generateOpenAi({ prompt: 'p' }, CANARY, { retry: false }), 'OFFLINE');
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false, cause: 'ECONNREFUSED', attempts: 1 });
  });

  it('reports OFFLINE, not a stale-connection error, right after Venice goes away', async () => {
    const restarting = await startFakeVenice({ apiKey: CANARY });
    const c = createVeniceClient({ baseUrl: restarting.url });
    await c.generateOpenAi({ prompt: 'before the outage', size: '256x256' }, CANARY);
    await restarting.close();
    const { err } = await failure(() => c.generateOpenAi({ prompt: 'during the outage' }, CANARY, { retry: false }), 'OFFLINE', restarting);
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false });
  });

  it('gives every request a connection of its own, so no stale kept-alive socket can make a failure ambiguous', async () => {
    const venice = await startFakeVenice({ apiKey: CANARY });
    try {
      const c = createVeniceClient({ baseUrl: venice.url });
      await c.listModels();
      for (const prompt of ['one', 'two', 'three']) await c.generateOpenAi({ prompt, size: '256x256' }, CANARY);
      const ports = venice.requests.map((r) => r.clientPort);
      expect(ports).toHaveLength(4);
      expect(new Set(ports).size).toBe(4);
    } finally {
      await venice.close();
    }
  });

  it('reports OFFLINE when the host name does not resolve', async () => {
    const nowhere = createVeniceClient({ baseUrl: 'http://lagoon-test-host.invalid/api/v1' });
    const { err } = await failure(() => nowhere.generateOpenAi({ prompt: 'p' }, CANARY, { retry: false }), 'OFFLINE');
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false, cause: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/) });
  });

  it('scrubs the key even from an error body that echoes it', async () => {
    const echo = createServer((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `Bad header ${req.headers.authorization}`, details: { seen: req.headers.authorization } }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = echo.address() as AddressInfo;
      const echoClient = createVeniceClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` });
      const { err } = await failure(() => echoClient.generateOpenAi({ prompt: 'p' }, CANARY), 'UPSTREAM_BAD_REQUEST');
      expect(err.message).toContain('Bad header Bearer [redacted]');
      expect(err.details).toMatchObject({ details: { seen: 'Bearer [redacted]' } });
    } finally {
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });

  it('maps RATE_LIMITED from the fake limiter with its reset time, failing fast when the reset is too far off', async () => {
    const limited = await startFakeVenice({ apiKey: CANARY, rateLimitPerMinute: 1 });
    try {
      const limitedClient = createVeniceClient({ baseUrl: limited.url });
      await limitedClient.generateOpenAi({ prompt: 'first', size: '256x256' }, CANARY);
      const slept: number[] = [];
      const retry = { maxWaitMs: 5000, sleep: async (ms: number) => void slept.push(ms) };
      const { err, posts } = await failure(() => limitedClient.generateOpenAi({ prompt: 'second' }, CANARY, { retry }), 'RATE_LIMITED', limited);
      expect(posts).toBe(1);
      expect(slept).toEqual([]);
      const details = err.details as { rateLimitResetAtMs?: number; retryAt?: number; attempts?: number; rateLimitRemaining?: number };
      expect(details.rateLimitResetAtMs).toBeGreaterThan(Date.now());
      expect(details).toMatchObject({ attempts: 1, rateLimitRemaining: 0, retryAt: details.rateLimitResetAtMs });
      expect(err.message).toMatch(/try again in about \d+ seconds/);
    } finally {
      await limited.close();
    }
  });
});

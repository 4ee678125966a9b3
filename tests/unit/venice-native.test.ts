import { inspect } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../src/shared/errors.ts';
import type { NativeImageRequest } from '../../src/shared/venice.ts';
import { createVeniceClient, type VeniceClient } from '../../src/main/core/venice/client.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { fakeVeniceForFile } from './helpers/fakeVeniceForFile.ts';

// Lagoon's client on Venice's native route against the fake: variants, per-model limits that only Venice
// knows, flags, deprecation headers and broken answers. Retry behaviour lives in venice-retry.test.ts.

const CANARY = 'vk-CANARY-native-5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e';
const NATIVE_PATH = '/api/v1/image/generate';

let fake: FakeVenice;
let client: VeniceClient;

fakeVeniceForFile({ apiKey: CANARY, rateLimitPerMinute: 100_000 }, (started) => {
  fake = started;
  client = createVeniceClient({ baseUrl: fake.url });
});

const postsTo = (f: FakeVenice): number => f.requests.filter((r) => r.method === 'POST' && r.path === NATIVE_PATH).length;

const failure = async (call: () => Promise<unknown>, code: ErrorCode): Promise<{ err: AppError; posts: number }> => {
  const before = postsTo(fake);
  const caught = await call().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(AppError);
  const err = caught as AppError;
  expect([err.code, err.message]).toEqual([code, expect.any(String)]);
  expect(inspect(err, { depth: Infinity, showHidden: true })).not.toContain(CANARY);
  expect(JSON.stringify(err.toPayload())).not.toContain(CANARY);
  return { err, posts: postsTo(fake) - before };
};

/** Adds `enhance_prompt` (not in Lagoon's schema) on the way out, the way a future version might send it. */
const enhancing: typeof fetch = (url, init) =>
  fetch(url, { ...init, body: JSON.stringify({ ...(JSON.parse(String(init?.body)) as object), enhance_prompt: true }) });

const gen = (request: NativeImageRequest, fetchImpl?: typeof fetch) =>
  (fetchImpl ? createVeniceClient({ baseUrl: fake.url, fetch: fetchImpl }) : client).generateNative(request, CANARY, { retry: false });

describe('generateNative success', () => {
  it('returns 4 distinct, decodable images for variants 4, in the requested format and size', async () => {
    const before = fake.requests.length;
    const request: NativeImageRequest = { model: 'z-image-turbo', prompt: 'four gondolas', width: 512, height: 384, variants: 4, format: 'webp' };
    const result = await client.generateNative(request, CANARY);
    expect(result.images).toHaveLength(4);
    for (const bytes of result.images) {
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 512, 384]);
    }
    expect(new Set(result.images.map((b) => b.toString('base64'))).size).toBe(4);
    expect([result.format, result.attempts]).toEqual(['webp', 1]);
    expect(result.request).toEqual(request);
    expect(result.response.id).toMatch(/^generate-image-[0-9a-f]+$/);
    expect(result.response.timing).toMatchObject({ total: expect.any(Number), inferenceDuration: expect.any(Number) });
    expect(result.response.echoedRequest).toMatchObject({ success: true, data: { model: 'z-image-turbo', variants: 4, safe_mode: true, format: 'webp' } });
    expect(result.response.enhancedPrompt).toBeNull();
    expect(result.response.headers).toHaveProperty('x-venice-balance-usd');
    expect(result.flags).toEqual({ blurred: false, contentViolation: false });

    const sent = fake.requests.slice(before);
    expect(sent.map((r) => r.path)).toEqual([NATIVE_PATH]);
    expect(sent[0]?.body).toEqual(request);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${CANARY}`);
  });

  it('names the format it expects when the caller left it out (webp), and never asks for binary', async () => {
    const before = fake.requests.length;
    const result = await gen({ model: 'venice-sd35', prompt: 'no format given', width: 256, height: 256 });
    expect(result.request.format).toBe('webp');
    expect((await sharp(result.images[0]).metadata()).format).toBe('webp');
    expect(fake.requests[before]?.body).toEqual({ model: 'venice-sd35', prompt: 'no format given', width: 256, height: 256, format: 'webp' });
  });

  it.each([
    ['png', 'png'],
    ['jpeg', 'jpeg'],
  ] as const)('decodes %s', async (format, expected) => {
    const result = await gen({ model: 'z-image-turbo', prompt: `as ${format}`, width: 128, height: 128, format });
    expect((await sharp(result.images[0]).metadata()).format).toBe(expected);
  });

  it('renders aspect-ratio models at the ratio and tier asked for, ignoring width and height', async () => {
    const wide = await gen({ model: 'flux-2-pro', prompt: 'wide', aspect_ratio: '16:9', width: 256, height: 256, format: 'png' });
    const m = await sharp(wide.images[0]).metadata();
    expect(Math.abs((m.width ?? 0) / (m.height ?? 1) - 16 / 9)).toBeLessThan(0.02);
    expect((m.width ?? 0) * (m.height ?? 0)).toBeGreaterThan(900_000);
    const big = await gen({ model: 'nano-banana-2', prompt: 'big', aspect_ratio: '1:1', resolution: '2K', format: 'jpeg' });
    const b = await sharp(big.images[0]).metadata();
    expect([b.width, b.height]).toEqual([2048, 2048]);
    const unknownRatio = await gen({ model: 'flux-2-pro', prompt: 'odd ratio', aspect_ratio: '7:3', format: 'png' });
    const u = await sharp(unknownRatio.images[0]).metadata();
    expect([u.width, u.height]).toEqual([1024, 1024]);
  });

  it('reports blurring (safe mode on by default) and content violations as flags', async () => {
    const blurred = await gen({ model: 'z-image-turbo', prompt: 'nsfw beach', width: 128, height: 128 });
    expect(blurred.flags).toEqual({ blurred: true, contentViolation: false });
    const unsafe = await gen({ model: 'z-image-turbo', prompt: 'nsfw beach', width: 128, height: 128, safe_mode: false });
    expect(unsafe.flags.blurred).toBe(false);
    const violation = await gen({ model: 'z-image-turbo', prompt: '[fail:violation]', width: 128, height: 128 });
    expect(violation.flags).toEqual({ blurred: false, contentViolation: true });
  });

  it('keeps the deprecation headers of a deprecated model', async () => {
    const result = await gen({ model: 'lustify-v7', prompt: 'old model', width: 128, height: 128 });
    expect(result.response.headers).toMatchObject({ 'x-venice-deprecated': 'true', 'x-venice-deprecated-replacement': 'lustify-v8' });
    expect(result.response.headers['x-venice-model-deprecation-date']).toMatch(/^2026-04-16/);
  });

  it('URL-decodes x-venice-enhanced-prompt', async () => {
    const prompt = 'café & "lagoon" 🌊 100%';
    const result = await gen({ model: 'z-image-turbo', prompt, width: 128, height: 128 }, enhancing);
    expect(result.response.enhancedPrompt).toBe(`${prompt}, highly detailed, dramatic lighting`);
    expect(result.response.headers['x-venice-enhanced-prompt']).toContain('%F0%9F%8C%8A');
  });
});

describe('generateNative per-model limits (Venice decides; exactly one POST, nothing retried)', () => {
  it.each([
    ['a prompt over venice-sd35’s 1500 characters', { model: 'venice-sd35', prompt: 'x'.repeat(1501) }, 'prompt', 'at most 1500'],
    ['a negative prompt over the limit', { model: 'venice-sd35', prompt: 'p', negative_prompt: 'n'.repeat(1501) }, 'negative_prompt', 'at most 1500'],
    ['steps over venice-sd35’s max of 30', { model: 'venice-sd35', prompt: 'p', steps: 31 }, 'steps', 'less than or equal to 30'],
    ['a resolution nano-banana-2 does not offer', { model: 'nano-banana-2', prompt: 'p', resolution: '8K' }, 'resolution', "received '8K'"],
    ['grok’s tiers in the wrong case', { model: 'grok-imagine-image', prompt: 'p', resolution: '1K' }, 'resolution', "received '1K'"],
    ['an unknown style preset', { model: 'z-image-turbo', prompt: 'p', style_preset: 'anime' }, 'style_preset', "'anime'"],
  ] as const)('%s → UPSTREAM_BAD_REQUEST with Venice’s field errors', async (_label, request, field, text) => {
    const { err, posts } = await failure(() => gen(request as NativeImageRequest), 'UPSTREAM_BAD_REQUEST');
    expect(posts).toBe(1);
    expect(err.message).toContain('Invalid request parameters');
    expect(err.details).toMatchObject({ status: 400, attempts: 1, mayHaveBeenCharged: false });
    expect(err.details).toHaveProperty(['details', field, '_errors'], [expect.stringContaining(text)]);
  });

  it('lets Venice ignore what a model does not use (steps on z-image-turbo, quality without qualities)', async () => {
    const result = await gen({ model: 'z-image-turbo', prompt: 'ignored knobs', steps: 40, quality: 'high', width: 128, height: 128 });
    expect(result.images).toHaveLength(1);
    const echoed = (result.response.echoedRequest as { data: Record<string, unknown> }).data;
    expect(echoed.quality).toBeUndefined();
  });

  it.each([
    ['an unknown model (404)', 'no-such-model', /Specified model not found: no-such-model/],
    ['a retired model (410)', 'hidream', /retired.*Use z-image-turbo instead/],
  ])('%s → MODEL_NOT_FOUND after one POST', async (_label, model, said) => {
    const { err, posts } = await failure(() => client.generateNative({ model, prompt: 'p' }, CANARY), 'MODEL_NOT_FOUND');
    expect(posts).toBe(1);
    expect(err.message).toMatch(said);
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false, attempts: 1 });
  });
});

describe('generateNative broken answers (INVALID_RESPONSE, may have been charged, never retried)', () => {
  it.each([
    ['one image too many', { variants: 2, prompt: 'two please [fail:wrongcount]' }, /3 image\(s\) although 2/],
    ['no images at all', { prompt: '[fail:empty]' }, /0 image\(s\) although 1/],
    ['bad base64', { prompt: '[fail:badb64]' }, /not valid base64/],
    ['another format than asked', { prompt: '[fail:wrongformat]', format: 'png' as const }, /JPEG image although PNG/],
    ['cut-off JSON', { prompt: '[fail:badjson]' }, /not valid JSON/],
    ['an HTML page', { prompt: '[fail:html200]' }, /text\/html instead of JSON/],
  ])('%s', async (_label, extra, message) => {
    const { err, posts } = await failure(() => client.generateNative({ model: 'z-image-turbo', width: 128, height: 128, ...extra }, CANARY), 'INVALID_RESPONSE');
    expect(posts).toBe(1);
    expect(err.message).toMatch(message);
    expect(err.details).toMatchObject({ mayHaveBeenCharged: true, attempts: 1 });
  });
});

describe('generateNative input checks (nothing is sent)', () => {
  it.each([
    ['an unknown key', { model: 'z-image-turbo', prompt: 'p', return_binary: true }],
    ['no model', { prompt: 'p' }],
    ['a 7501-character prompt', { model: 'z-image-turbo', prompt: 'x'.repeat(7501) }],
    ['width 1281', { model: 'z-image-turbo', prompt: 'p', width: 1281 }],
    ['variants 5', { model: 'z-image-turbo', prompt: 'p', variants: 5 }],
    ['cfg_scale 0', { model: 'z-image-turbo', prompt: 'p', cfg_scale: 0 }],
    ['seed 1e9', { model: 'z-image-turbo', prompt: 'p', seed: 1_000_000_000 }],
    ['format gif', { model: 'z-image-turbo', prompt: 'p', format: 'gif' }],
  ])('rejects %s with INVALID_INPUT and attempts 0', async (_label, request) => {
    const { err, posts } = await failure(() => client.generateNative(request as NativeImageRequest, CANARY), 'INVALID_INPUT');
    expect(posts).toBe(0);
    expect(err.details).toMatchObject({ attempts: 0 });
  });

  it('refuses a missing key and an already-cancelled call without sending', async () => {
    expect((await failure(() => client.generateNative({ model: 'z-image-turbo', prompt: 'p' }, ''), 'KEY_MISSING')).posts).toBe(0);
    const aborted = { signal: AbortSignal.abort() };
    expect((await failure(() => client.generateNative({ model: 'z-image-turbo', prompt: 'p' }, CANARY, aborted), 'CANCELLED')).posts).toBe(0);
  });
});

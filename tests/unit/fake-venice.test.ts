import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageOf, jsonOf as json, postGeneration, type PostOptions } from '../fake-venice/rawRequests.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { fakeVeniceForFile } from './helpers/fakeVeniceForFile.ts';

// The fake is what every other Venice test trusts, so its own contract is pinned here (failure triggers and
// rate limiting: fake-venice-failures.test.ts).

const KEY = 'test-key';
let fake: FakeVenice;
fakeVeniceForFile({ apiKey: KEY, rateLimitPerMinute: 10_000 }, (started) => (fake = started));

const post = (body: unknown, o: Partial<PostOptions> = {}): Promise<Response> => postGeneration(fake.url, body, { key: KEY, ...o });

const pixels = async (prompt: string): Promise<Buffer> => sharp(await imageOf(await post({ prompt, size: '256x256' }))).raw().toBuffer();

describe('POST /images/generations validation', () => {
  it('answers an unknown key with a 400 DetailedError in Zod 3 format', async () => {
    const res = await post({ prompt: 'a lagoon', safe_mode: true });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await json(res);
    expect(body.error).toBe('Invalid request parameters');
    expect(body.details).toEqual({ _errors: ["Unrecognized key(s) in object: 'safe_mode'"] });
    expect(body.issues).toEqual([
      { code: 'unrecognized_keys', keys: ['safe_mode'], path: [], message: "Unrecognized key(s) in object: 'safe_mode'" },
    ]);
  });

  it.each([
    ['missing prompt', {}, 'prompt', 'Required'],
    ['empty prompt', { prompt: '' }, 'prompt', 'String must contain at least 1 character(s)'],
    ['prompt over 1500', { prompt: 'x'.repeat(1501) }, 'prompt', 'String must contain at most 1500 character(s)'],
    ['numeric prompt', { prompt: 42 }, 'prompt', 'Expected string, received number'],
    ['n = 2', { prompt: 'p', n: 2 }, 'n', 'Number must be less than or equal to 1'],
    ['n = 0', { prompt: 'p', n: 0 }, 'n', 'Number must be greater than or equal to 1'],
    ['n = 1.5', { prompt: 'p', n: 1.5 }, 'n', 'Expected integer, received float'],
    ['size 999x999', { prompt: 'p', size: '999x999' }, 'size', "received '999x999'"],
    ['output_format gif', { prompt: 'p', output_format: 'gif' }, 'output_format', "Invalid enum value. Expected 'jpeg' | 'png' | 'webp', received 'gif'"],
    ['output_format null', { prompt: 'p', output_format: null }, 'output_format', 'received null'],
    ['moderation high', { prompt: 'p', moderation: 'high' }, 'moderation', "received 'high'"],
    ['response_format base64', { prompt: 'p', response_format: 'base64' }, 'response_format', "received 'base64'"],
    ['background white', { prompt: 'p', background: 'white' }, 'background', "received 'white'"],
    ['quality ultra', { prompt: 'p', quality: 'ultra' }, 'quality', "received 'ultra'"],
    ['style pretty', { prompt: 'p', style: 'pretty' }, 'style', "received 'pretty'"],
    ['output_compression 101', { prompt: 'p', output_compression: 101 }, 'output_compression', 'less than or equal to 100'],
    ['output_compression -1', { prompt: 'p', output_compression: -1 }, 'output_compression', 'greater than or equal to 0'],
    ['numeric user', { prompt: 'p', user: 5 }, 'user', 'Expected string, received number'],
    ['numeric model', { prompt: 'p', model: 7 }, 'model', 'Expected string, received number'],
  ])('rejects %s with a field error', async (_label, body, field, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const parsed = await json(res);
    expect(parsed.error).toBe('Invalid request parameters');
    expect(parsed.details).toHaveProperty([field, '_errors'], [expect.stringContaining(message)]);
    expect((parsed.issues as Array<{ path: string[] }>).some((i) => i.path[0] === field)).toBe(true);
  });

  it('rejects a body that is not an object', async () => {
    const res = await post(['a lagoon']);
    expect(res.status).toBe(400);
    expect((await json(res)).details).toEqual({ _errors: ['Expected object, received array'] });
  });

  it('accepts null for every field the seed marks nullable, and 1500 emoji as 1500 characters', async () => {
    const nulls = { n: null, size: null, response_format: null, moderation: null, background: null, quality: null, style: null, output_compression: null };
    expect((await post({ prompt: 'nullable', ...nulls })).status).toBe(200);
    expect((await post({ prompt: '🌊'.repeat(1500), size: '256x256' })).status).toBe(200);
  });

  it('accepts every documented value of the ignored OpenAI fields', async () => {
    const res = await post({
      prompt: 'all the knobs',
      model: 'z-image-turbo',
      n: 1,
      size: '256x256',
      background: 'transparent',
      quality: 'hd',
      style: 'vivid',
      output_compression: 0,
      user: 'user123',
      moderation: 'low',
    });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong, missing or non-bearer key with 401', async () => {
    for (const headers of [{ authorization: 'Bearer wrong-key' }, {}, { authorization: `Basic ${KEY}` }]) {
      const res = await fetch(`${fake.url}/images/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ prompt: 'p' }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Authentication failed' });
    }
  });

  it('insists on a JSON content type and valid JSON', async () => {
    const wrongType = await post({ prompt: 'p' }, { contentType: 'text/plain' });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toEqual({ error: "'Content-Type' must be 'application/json'" });
    const badJson = await post(null, { raw: '{"prompt": "p"' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: 'Invalid JSON request' });
  });
});

describe('POST /images/generations success', () => {
  it.each([
    [undefined, undefined, 1024, 1024, 'png'],
    ['auto', 'png', 1024, 1024, 'png'],
    ['256x256', 'jpeg', 256, 256, 'jpeg'],
    ['512x512', 'webp', 512, 512, 'webp'],
    ['1792x1024', 'png', 1792, 1024, 'png'],
    ['1024x1536', 'jpeg', 1024, 1536, 'jpeg'],
  ] as const)('size %s / format %s → a real %ix%i %s', async (size, outputFormat, width, height, format) => {
    const res = await post({ prompt: `dims ${size}`, ...(size ? { size } : {}), ...(outputFormat ? { output_format: outputFormat } : {}) });
    expect(res.status).toBe(200);
    const meta = await sharp(await imageOf(res)).metadata();
    expect({ width: meta.width, height: meta.height, format: meta.format }).toEqual({ width, height, format });
  });

  it('returns only created and data, and a data URL for response_format url', async () => {
    const res = await post({ prompt: 'as url', size: '256x256', output_format: 'webp', response_format: 'url' });
    const body = (await res.json()) as { created: number; data: Array<{ url: string }> };
    expect(Object.keys(body).toSorted()).toEqual(['created', 'data']);
    expect(Number.isInteger(body.created)).toBe(true);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]?.url).toMatch(/^data:image\/webp;base64,UklGR/);
  });

  it('draws a different picture for each prompt and the same one for the same prompt', async () => {
    const a = await pixels('a gondola at dawn');
    const b = await pixels('a gondola at dusk');
    expect(a.equals(b)).toBe(false);
    expect(a.equals(await pixels('a gondola at dawn'))).toBe(true);
  });

  it('sends the Venice headers, blurring "nsfw" prompts only under moderation auto', async () => {
    const res = await post({ prompt: 'plain', size: '256x256' });
    const expected = ['x-venice-version', 'cf-ray', 'x-ratelimit-limit-requests', 'x-ratelimit-remaining-requests', 'x-venice-balance-usd', 'x-venice-balance-diem'];
    expect(expected.filter((name) => !res.headers.get(name))).toEqual([]);
    expect(Number(res.headers.get('x-ratelimit-reset-requests'))).toBeGreaterThan(Date.now() - 1000);
    expect(res.headers.get('x-venice-is-blurred')).toBe('false');
    expect(res.headers.get('x-venice-is-content-violation')).toBe('false');
    const blurred = await post({ prompt: 'nsfw scene', size: '256x256' });
    expect(blurred.headers.get('x-venice-is-blurred')).toBe('true');
    const unblurred = await post({ prompt: 'nsfw scene', size: '256x256', moderation: 'low' });
    expect(unblurred.headers.get('x-venice-is-blurred')).toBe('false');
  });

  it('falls back to the default model for unknown ids and ignores size for aspect-ratio models', async () => {
    expect((await post({ prompt: 'p', model: 'dall-e-3', size: '256x256' })).status).toBe(200);
    const meta = await sharp(await imageOf(await post({ prompt: 'p', model: 'flux-2-pro', size: '256x256' }))).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
  });

  it('answers 503 for the offline model and adds deprecation headers for a deprecated one', async () => {
    const offline = await post({ prompt: 'p', model: 'hunyuan-image-v3' });
    expect(offline.status).toBe(503);
    expect(typeof (await json(offline)).error).toBe('string');
    const deprecated = await post({ prompt: 'p', model: 'lustify-v7', size: '256x256' });
    expect(deprecated.status).toBe(200);
    expect(deprecated.headers.get('x-venice-deprecated')).toBe('true');
    expect(deprecated.headers.get('x-venice-model-deprecation-date')).toMatch(/^2026-04-16/);
  });

  it('logs every request with method, path, headers and parsed body', async () => {
    const before = fake.requests.length;
    await post({ prompt: 'logged', size: '256x256' });
    const logged = fake.requests.slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ method: 'POST', path: '/api/v1/images/generations', body: { prompt: 'logged', size: '256x256' } });
    expect(logged[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe('catalog routes', () => {
  it('lists image models with the fields Lagoon reads', async () => {
    const body = (await (await fetch(`${fake.url}/models?type=image`)).json()) as {
      object: string;
      type: string;
      data: Array<{ id: string; object: string; owned_by: string; type: string; created: number; model_spec: Record<string, unknown> }>;
    };
    expect([body.object, body.type]).toEqual(['list', 'image']);
    const ids = body.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['z-image-turbo', 'venice-sd35', 'flux-2-pro', 'nano-banana-2', 'gpt-image-1-5', 'lustify-v7']));
    for (const m of body.data) {
      expect([m.object, m.owned_by, m.type]).toEqual(['model', 'venice.ai', 'image']);
      expect(m.model_spec).toHaveProperty('constraints.promptCharacterLimit');
      expect(m.model_spec).toHaveProperty('constraints.steps.max');
    }
    type Spec = { offline?: boolean; deprecation?: unknown; constraints: { qualities?: unknown; resolutions?: unknown; aspectRatios?: unknown } };
    const specs = body.data.map((m) => m.model_spec as Spec);
    expect(specs.filter((s) => s.offline)).toHaveLength(1);
    expect(specs.some((s) => s.deprecation)).toBe(true);
    expect(specs.some((s) => s.constraints.qualities)).toBe(true);
    expect(specs.some((s) => s.constraints.resolutions)).toBe(true);
    expect(specs.some((s) => s.constraints.aspectRatios)).toBe(true);
    expect(specs.some((s) => !s.constraints.aspectRatios)).toBe(true);
  });

  it('lists only text models (none) without a type, and rejects an unknown type', async () => {
    expect(await (await fetch(`${fake.url}/models`)).json()).toEqual({ object: 'list', type: 'text', data: [] });
    const bad = await fetch(`${fake.url}/models?type=pictures`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toBe('Invalid request parameters');
  });

  it('maps traits to models', async () => {
    const body = (await (await fetch(`${fake.url}/models/traits?type=image`)).json()) as { object: string; type: string; data: Record<string, string> };
    expect([body.object, body.type]).toEqual(['list', 'image']);
    expect(body.data.default).toBe('z-image-turbo');
    expect(body.data.most_uncensored).toBe('lustify-v8');
  });

  it('lists the 76 style presets', async () => {
    const body = (await (await fetch(`${fake.url}/image/styles`)).json()) as { object: string; data: string[] };
    expect(body.object).toBe('list');
    expect(body.data).toHaveLength(76);
    expect(new Set(body.data).size).toBe(76);
    expect(body.data).toEqual(expect.arrayContaining(['3D Model', 'Anime', 'Tilt-Shift']));
  });

  it('works without a key but refuses a wrong one', async () => {
    const res = await fetch(`${fake.url}/image/styles`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Authentication failed' });
  });

  it('answers unknown paths and methods with JSON errors', async () => {
    for (const path of [`${fake.url}/image/nothing`, fake.url.replace('/api/v1', '/elsewhere')]) {
      const res = await fetch(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'Not found' });
    }
    const wrongMethod = await fetch(`${fake.url}/images/generations`);
    expect(wrongMethod.status).toBe(405);
    expect(typeof (await json(wrongMethod)).error).toBe('string');
  });
});

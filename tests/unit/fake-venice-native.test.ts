import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jsonOf as json, nativeImagesOf, postNative, type PostOptions } from '../fake-venice/rawRequests.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { fakeVeniceForFile } from './helpers/fakeVeniceForFile.ts';

// The fake's native route (`POST /image/generate`) pinned on its own, without Lagoon's client in between.

const KEY = 'test-key';
let fake: FakeVenice;
fakeVeniceForFile({ apiKey: KEY, rateLimitPerMinute: 10_000 }, (started) => (fake = started));

const post = (body: unknown, o: Partial<PostOptions> = {}): Promise<Response> => postNative(fake.url, body, { key: KEY, ...o });
const small = { model: 'z-image-turbo', width: 128, height: 128 };

const dims = async (body: object): Promise<number[]> => {
  const [image] = await nativeImagesOf(await post({ prompt: 'dims', format: 'png', ...body }));
  const meta = await sharp(image).metadata();
  return [meta.width ?? 0, meta.height ?? 0];
};

/** What the balance header said before this request was charged. */
const balanceBefore = async (body: object): Promise<number> => Number((await post(body)).headers.get('x-venice-balance-usd'));

describe('POST /image/generate validation', () => {
  it('requires a model, and refuses unknown keys like a closed Zod schema', async () => {
    const missing = await post({ prompt: 'p' });
    expect([missing.status, await missing.json()]).toEqual([400, { error: 'model is required' }]);
    const extra = await post({ ...small, prompt: 'p', inpaint: {} });
    expect(extra.status).toBe(400);
    expect((await json(extra)).details).toEqual({ _errors: ["Unrecognized key(s) in object: 'inpaint'"] });
  });

  it.each([
    ['width 0', { width: 0 }, 'width', 'Number must be greater than 0'],
    ['width 1281', { width: 1281 }, 'width', 'Number must be less than or equal to 1280'],
    ['height 2.5', { height: 2.5 }, 'height', 'Expected integer, received float'],
    ['cfg_scale 0', { cfg_scale: 0 }, 'cfg_scale', 'Number must be greater than 0'],
    ['cfg_scale 20.5', { cfg_scale: 20.5 }, 'cfg_scale', 'less than or equal to 20'],
    ['seed 1e9', { seed: 1_000_000_000 }, 'seed', 'less than or equal to 999999999'],
    ['seed -1e9', { seed: -1_000_000_000 }, 'seed', 'greater than or equal to -999999999'],
    ['variants 0', { variants: 0 }, 'variants', 'greater than or equal to 1'],
    ['variants 5', { variants: 5 }, 'variants', 'less than or equal to 4'],
    ['format gif', { format: 'gif' }, 'format', "received 'gif'"],
    ['quality ultra', { quality: 'ultra' }, 'quality', "received 'ultra'"],
    ['a 7501-character prompt', { prompt: 'x'.repeat(7501) }, 'prompt', 'at most 7500'],
    ['a prompt over the model limit', { model: 'venice-sd35', prompt: 'x'.repeat(1501) }, 'prompt', 'at most 1500'],
    ['steps over a step model’s max', { model: 'lustify-v8', steps: 51 }, 'steps', 'less than or equal to 50'],
    ['a resolution the model lacks', { model: 'nano-banana-2', resolution: '3K' }, 'resolution', "received '3K'"],
    ['a style that is not listed', { style_preset: 'Vaporwave' }, 'style_preset', 'Vaporwave'],
    ['variants with return_binary', { variants: 2, return_binary: true }, 'variants', 'return_binary'],
    ['style references', { style_references: [{ image: 'aGk=' }] }, 'style_references', 'does not support'],
  ])('rejects %s with a field error', async (_label, patch, field, message) => {
    const res = await post({ ...small, prompt: 'p', ...patch });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error).toBe('Invalid request parameters');
    expect(body.details).toHaveProperty([field, '_errors'], [expect.stringContaining(message)]);
  });

  it('answers 404 for an unknown model and 410 naming the replacement for a retired one', async () => {
    const unknown = await post({ model: 'nope', prompt: 'p' });
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'Specified model not found: nope' }]);
    const retired = await post({ model: 'hidream', prompt: 'p' });
    expect(retired.status).toBe(410);
    expect((await json(retired)).error).toMatch(/hidream.*retired.*z-image-turbo/);
  });

  it('needs the key', async () => {
    const res = await post({ ...small, prompt: 'p' }, { key: null });
    expect([res.status, await res.json()]).toEqual([401, { error: 'Authentication failed' }]);
  });
});

describe('POST /image/generate success', () => {
  it('answers {id, images, timing, request} with defaults filled in and real webp images', async () => {
    const res = await post({ model: 'venice-sd35', prompt: 'defaults' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; images: string[]; timing: Record<string, number>; request: { success: boolean; data: Record<string, unknown> } };
    expect(Object.keys(body).toSorted()).toEqual(['id', 'images', 'request', 'timing']);
    expect(Object.keys(body.timing).toSorted()).toEqual(['inferenceDuration', 'inferencePreprocessingTime', 'inferenceQueueTime', 'total']);
    expect(body.request).toEqual({
      success: true,
      data: {
        model: 'venice-sd35',
        prompt: 'defaults',
        width: 1024,
        height: 1024,
        steps: 20,
        format: 'webp',
        safe_mode: true,
        hide_watermark: false,
        embed_exif_metadata: false,
        return_binary: false,
        variants: 1,
      },
    });
    const meta = await sharp(Buffer.from(body.images[0] ?? '', 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1024, 1024]);
  });

  it('sends one image per variant, each different', async () => {
    const images = await nativeImagesOf(await post({ ...small, prompt: 'variants', variants: 3, format: 'png' }));
    expect(images).toHaveLength(3);
    expect(new Set(images.map((b) => b.toString('hex'))).size).toBe(3);
  });

  it('sizes aspect-ratio models by ratio and tier, falling back to the default ratio', async () => {
    expect(await dims({ model: 'flux-2-pro', aspect_ratio: '9:16', width: 100, height: 100 })).toEqual([768, 1368]);
    expect(await dims({ model: 'flux-2-pro', aspect_ratio: 'banana' })).toEqual([1024, 1024]);
    expect(await dims({ model: 'nano-banana-2', resolution: '4K', aspect_ratio: '16:9' })).toEqual([2048, 1152]);
    expect(await dims({ model: 'grok-imagine-image', resolution: '2k' })).toEqual([2048, 2048]);
  });

  it('returns raw bytes for return_binary', async () => {
    const res = await post({ ...small, prompt: 'binary', return_binary: true, format: 'jpeg' });
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('jpeg');
  });

  it('charges every variant but not a content violation, and reports the balance from before', async () => {
    const start = await balanceBefore({ ...small, prompt: 'b1', variants: 3 });
    const afterThree = await balanceBefore({ ...small, prompt: '[fail:violation] b2' });
    const afterViolation = await balanceBefore({ ...small, prompt: 'b3' });
    expect(start - afterThree).toBeCloseTo(0.03, 6);
    expect(afterThree - afterViolation).toBeCloseTo(0, 6);
  });

  it('adds deprecation headers and, with enhance_prompt, the URL-encoded enhanced prompt', async () => {
    const res = await post({ model: 'lustify-v7', width: 128, height: 128, prompt: 'a & b', enhance_prompt: true });
    expect(res.headers.get('x-venice-deprecated-replacement')).toBe('lustify-v8');
    expect(decodeURIComponent(res.headers.get('x-venice-enhanced-prompt') ?? '')).toBe('a & b, highly detailed, dramatic lighting');
  });
});

describe('POST /image/generate triggers', () => {
  it('honours the shared magic prompts', async () => {
    expect((await post({ ...small, prompt: '[fail:500]' })).status).toBe(500);
    expect((await json(await post({ ...small, prompt: '[fail:404]' }))).error).toBe('Specified model not found: z-image-turbo');
    const redirect = await post({ ...small, prompt: '[fail:redirect]' });
    expect(redirect.status).toBe(307);
    expect(new URL(redirect.headers.get('location') ?? '').pathname).toBe('/api/v1/image/generate');
    expect(((await (await post({ ...small, prompt: '[fail:wrongcount]', variants: 2 })).json()) as { images: unknown[] }).images).toHaveLength(3);
  });

  it('[fail:503xN] fails the first N requests with exactly that prompt, then succeeds', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post({ ...small, prompt: 'count me [fail:503x2]' })).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect((await post({ ...small, prompt: 'count me too [fail:503x2]' })).status).toBe(503);
    const first429 = await post({ ...small, prompt: 'limited [fail:429x1]' });
    expect([first429.status, first429.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await post({ ...small, prompt: 'limited [fail:429x1]' })).status).toBe(200);
  });

  it('[fail:429reset] carries only the reset time, in epoch milliseconds', async () => {
    const before = Date.now();
    const res = await post({ ...small, prompt: '[fail:429reset]' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const reset = Number(res.headers.get('x-ratelimit-reset-requests'));
    expect(reset).toBeGreaterThanOrEqual(before + 1000);
    expect(reset).toBeLessThan(Date.now() + 1001);
  });
});

import sharp, { type Metadata } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, jsonOf as json, postForm, postNative, postTo } from '../fake-venice/rawRequests.ts';
import { startFakeVenice, type FakeVenice } from '../fake-venice/server.ts';

// The fake's upscale and background-removal routes, its edit/upscale catalogues and its style-reference model.

const KEY = 'test-key';
let fake: FakeVenice;
let subject: Buffer;

beforeAll(async () => {
  fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 10_000 });
  // A flat background with a disc in the middle: what a background removal should cut out.
  const disc = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><circle cx="160" cy="120" r="80" fill="#dd4400"/></svg>');
  subject = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#f0f0f0' } }).composite([{ input: disc }]).png().toBuffer();
});
afterAll(async () => {
  await fake.close();
});

const upscale = (body: unknown): Promise<Response> => postTo(`${fake.url}/image/upscale`, body, { key: KEY });
const cutout = (body: unknown): Promise<Response> => postTo(`${fake.url}/image/background-remove`, body, { key: KEY });
const styled = (refs: unknown): Promise<Response> =>
  postNative(fake.url, { model: 'nano-banana-2', prompt: 'styled', style_references: refs }, { key: KEY });
const meta = async (res: Response): Promise<Metadata> => sharp(await bytesOf(res)).metadata();
const b64 = (b: Buffer): string => b.toString('base64');

describe('POST /image/upscale', () => {
  it('really doubles (default) or quadruples each edge, as PNG', async () => {
    const two = await upscale({ image: b64(subject) });
    expect([two.status, two.headers.get('content-type')]).toEqual([200, 'image/png']);
    const m2 = await meta(two);
    expect([m2.width, m2.height]).toEqual([640, 480]);
    const form = new FormData();
    form.set('image', new Blob([subject]), 's.png');
    form.set('scale', '4');
    form.set('creativity', '0.015');
    const m4 = await meta(await postForm(`${fake.url}/image/upscale`, form, KEY));
    expect([m4.width, m4.height]).toEqual([1280, 960]);
  });

  it('lowers the factor so the result stays within 16,777,216 pixels', async () => {
    const big = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#888' } }).png().toBuffer();
    const m = await meta(await upscale({ image: b64(big), scale: 4 }));
    expect((m.width ?? 0) * (m.height ?? 0)).toBeLessThanOrEqual(16_777_216);
    expect([m.width, m.height]).toEqual([4729, 3547]);
  });

  it('refuses scale 1 and the removed fields, clamps creativity, and charges 2x/4x as the catalogue says', async () => {
    expect((await upscale({ image: b64(subject), scale: 1 })).status).toBe(400);
    const old = await upscale({ image: b64(subject), enhance: true });
    expect((await json(old)).details).toEqual({ _errors: ["Unrecognized key(s) in object: 'enhance'"] });
    expect((await upscale({ image: b64(subject), creativity: 0.5 })).status).toBe(200);
    const a = Number((await upscale({ image: b64(subject), scale: 4 })).headers.get('x-venice-balance-usd'));
    const b = Number((await upscale({ image: b64(subject) })).headers.get('x-venice-balance-usd'));
    const c = Number((await upscale({ image: b64(subject) })).headers.get('x-venice-balance-usd'));
    expect([a - b, b - c].map((n) => Math.round(n * 100) / 100)).toEqual([0.08, 0.02]);
  });

  it('takes scripted triggers: a result that did not grow, a JPEG, a refusal, a 500', async () => {
    fake.failNext('/image/upscale', '[fail:nogrow]');
    expect([(await meta(await upscale({ image: b64(subject) }))).width]).toEqual([320]);
    fake.failNext('/image/upscale', '[fail:wrongformat]');
    expect((await meta(await upscale({ image: b64(subject) }))).format).toBe('jpeg');
    const control = await fetch(`${new URL(fake.url).origin}/__fake/fail-next`, {
      method: 'POST',
      body: JSON.stringify({ route: '/image/upscale', trigger: '[fail:500]' }),
    });
    expect(control.status).toBe(200);
    expect((await upscale({ image: b64(subject) })).status).toBe(500);
    expect((await upscale({ image: b64(subject) })).status).toBe(200);
  });
});

describe('POST /image/background-remove', () => {
  it('answers a PNG of the same size whose background is transparent and whose subject is not', async () => {
    const res = await cutout({ image: b64(subject) });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
    const { data, info } = await sharp(await bytesOf(res)).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([320, 240, 4]);
    const alphaAt = (x: number, y: number): number => data[(y * info.width + x) * 4 + 3] ?? -1;
    expect([alphaAt(5, 5), alphaAt(160, 120)]).toEqual([0, 255]);
  });

  it('takes a multipart file, refuses image together with image_url, and can be made to forget the alpha', async () => {
    const form = new FormData();
    form.set('image', new Blob([subject]), 's.png');
    expect((await meta(await postForm(`${fake.url}/image/background-remove`, form, KEY))).hasAlpha).toBe(true);
    expect((await cutout({ image: b64(subject), image_url: 'https://example.com/a.png' })).status).toBe(400);
    fake.failNext('/image/background-remove', '[fail:noalpha]');
    expect((await meta(await cutout({ image: b64(subject) }))).hasAlpha).toBe(false);
  });
});

describe('catalogues and style references', () => {
  it('lists the edit models with their constraints and the upscaler with its 2x/4x prices', async () => {
    const inpaint = (await (await fetch(`${fake.url}/models?type=inpaint`)).json()) as { type: string; data: Array<{ id: string; type: string; model_spec: Record<string, unknown> }> };
    expect(inpaint.type).toBe('inpaint');
    expect(inpaint.data.map((m) => m.id)).toContain('firered-image-edit');
    expect(inpaint.data.every((m) => m.type === 'inpaint')).toBe(true);
    expect(inpaint.data.find((m) => m.id === 'nano-banana-2-edit')?.model_spec).toHaveProperty(['constraints', 'maxInputImages'], 4);
    const up = (await (await fetch(`${fake.url}/models?type=upscale`)).json()) as { data: Array<{ id: string; model_spec: { pricing: unknown } }> };
    expect(up.data.map((m) => m.id)).toEqual(['upscaler']);
    expect(up.data[0]?.model_spec.pricing).toHaveProperty(['upscale', '4x', 'usd'], 0.08);
  });

  it('accepts style_references on the one model that supports them, within its limits', async () => {
    const ref = b64(subject);
    expect((await styled([{ image: ref, strength: 0.7 }, { image: `data:image/png;base64,${ref}` }])).status).toBe(200);
    const weak = await styled([{ image: ref, strength: 0.05 }]);
    expect((await json(weak)).details).toHaveProperty(['style_references', '0', 'strength', '_errors'], ['Number must be greater than or equal to 0.1']);
    const many = await styled([{ image: ref }, { image: ref }, { image: ref }, { image: ref }]);
    expect((await json(many)).details).toHaveProperty(['style_references', '_errors'], ['Array must contain at most 3 element(s)']);
    const junk = await styled([{ image: b64(Buffer.from('not an image at all')) }]);
    expect(junk.status).toBe(400);
  });
});

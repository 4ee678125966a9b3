import sharp, { type Metadata } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, jsonOf as json, postForm, postTo } from '../fake-venice/rawRequests.ts';
import { startFakeVenice, type FakeVenice } from '../fake-venice/server.ts';

// The fake's edit and multi-edit routes pinned on their own, over HTTP, with real images made by sharp.

const KEY = 'test-key';
let fake: FakeVenice;
let red: Buffer;
let blue: Buffer;
let green: Buffer;

const flat = (width: number, height: number, background: string, format: 'png' | 'jpeg' | 'webp' = 'png'): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background } })[format]().toBuffer();

beforeAll(async () => {
  fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 10_000 });
  [red, blue, green] = await Promise.all([flat(512, 256, '#cc2222'), flat(300, 300, '#2222cc', 'jpeg'), flat(400, 400, '#22cc22', 'webp')]);
});
afterAll(async () => {
  await fake.close();
});

const edit = (body: unknown): Promise<Response> => postTo(`${fake.url}/image/edit`, body, { key: KEY });
const multi = (body: unknown): Promise<Response> => postTo(`${fake.url}/image/multi-edit`, body, { key: KEY });
const b64 = (b: Buffer): string => b.toString('base64');
const meta = async (res: Response): Promise<Metadata> => sharp(await bytesOf(res)).metadata();

describe('POST /image/edit', () => {
  it('answers raw PNG bytes at the input ratio, different from the input, with Venice headers', async () => {
    const res = await edit({ image: b64(red), prompt: 'add a boat' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-venice-model-id')).toBe('firered-image-edit');
    expect(res.headers.get('x-venice-is-content-violation')).toBe('false');
    const out = await bytesOf(res);
    const m = await sharp(out).metadata();
    expect(m.format).toBe('png');
    expect((m.width ?? 0) / (m.height ?? 1)).toBeCloseTo(2, 1);
    const input = await sharp(red).resize(m.width, m.height).raw().toBuffer();
    expect(Buffer.compare(await sharp(out).removeAlpha().raw().toBuffer(), input)).not.toBe(0);
  });

  it('takes multipart with a file part, a data URI, and follows aspect ratio, resolution and format', async () => {
    const form = new FormData();
    form.set('image', new Blob([blue], { type: 'image/jpeg' }), 'blue.jpg');
    form.set('prompt', 'make it night');
    form.set('aspect_ratio', '16:9');
    form.set('resolution', '2K');
    const res = await postForm(`${fake.url}/image/edit`, form, KEY);
    expect(res.status).toBe(200);
    const m = await meta(res);
    // Venice's default for 2K is JPEG; 16:9 at two megapixel tiers.
    expect([m.format, m.width, m.height]).toEqual(['jpeg', 2048, 1152]);
    const logged = fake.requests.at(-1)?.body as Record<string, unknown>;
    expect(Buffer.isBuffer(logged.image)).toBe(true);
    const dataUri = await edit({ image: `data:image/webp;base64,${b64(green)}`, prompt: 'p', output_format: 'webp' });
    expect((await meta(dataUri)).format).toBe('webp');
  });

  it('returns the enhanced prompt URL-encoded when enhance_prompt is on', async () => {
    const res = await edit({ image: b64(red), prompt: 'a & b', enhance_prompt: true });
    expect(decodeURIComponent(res.headers.get('x-venice-enhanced-prompt') ?? '')).toBe('a & b, highly detailed, dramatic lighting');
    expect((await edit({ image: b64(red), prompt: 'plain' })).headers.get('x-venice-enhanced-prompt')).toBeNull();
  });

  it('refuses unknown keys, unknown models, ratios the model lacks and prompts over its limit', async () => {
    const extra = await edit({ image: b64(red), prompt: 'p', strength: 0.5 });
    expect([extra.status, (await json(extra)).details]).toEqual([400, { _errors: ["Unrecognized key(s) in object: 'strength'"] }]);
    expect((await edit({ image: b64(red), prompt: 'p', model: 'nope' })).status).toBe(404);
    const ratio = await edit({ image: b64(red), prompt: 'p', model: 'gpt-image-1-5-edit', aspect_ratio: '16:9' });
    expect(ratio.status).toBe(400);
    const long = await edit({ image: b64(red), prompt: 'x'.repeat(1501), model: 'qwen-edit' });
    expect((await json(long)).details).toHaveProperty(['prompt', '_errors'], ['String must contain at most 1500 character(s)']);
    const missing = await edit({ prompt: 'p' });
    expect((await json(missing)).details).toHaveProperty(['image', '_errors'], ['Required']);
  });

  it('checks the input: a real image, 65,536–33,177,600 pixels, under 25 MB', async () => {
    const notImage = await edit({ image: b64(Buffer.from('GIF89a not really')), prompt: 'p' });
    expect([notImage.status, (await json(notImage)).code]).toEqual([400, 'CORRUPTED_IMAGE']);
    const tiny = await edit({ image: b64(await flat(255, 256, '#fff')), prompt: 'p' });
    expect([tiny.status, (await json(tiny)).code]).toEqual([400, 'IMAGE_TOO_SMALL']);
    expect((await edit({ image: b64(await flat(256, 256, '#fff')), prompt: 'p' })).status).toBe(200);
    const huge = await edit({ image: b64(await flat(5761, 5760, '#fff')), prompt: 'p' });
    expect([huge.status, (await json(huge)).code]).toEqual([422, 'IMAGE_TOO_LARGE']);
    const heavy = Buffer.concat([red, Buffer.alloc(25 * 1024 * 1024)]);
    const form = new FormData();
    form.set('image', new Blob([heavy]), 'heavy.png');
    form.set('prompt', 'p');
    const tooHeavy = await postForm(`${fake.url}/image/edit`, form, KEY);
    expect([tooHeavy.status, (await json(tooHeavy)).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('refuses a magic prompt with 422 and charges nothing, and serves the other triggers as binary faults', async () => {
    const before = Number((await edit({ image: b64(red), prompt: 'p1' })).headers.get('x-venice-balance-usd'));
    const refused = await edit({ image: b64(red), prompt: 'a [fail:violation] b' });
    expect(refused.status).toBe(422);
    expect((await json(refused)).error).toMatch(/content policy/);
    const after = Number((await edit({ image: b64(red), prompt: 'p2' })).headers.get('x-venice-balance-usd'));
    expect(before - after).toBeCloseTo(0.04, 6);
    expect((await meta(await edit({ image: b64(red), prompt: '[fail:wrongformat]' }))).format).toBe('jpeg');
    const odd = await meta(await edit({ image: b64(red), prompt: '[fail:wrongsize]' }));
    expect((odd.width ?? 0) / (odd.height ?? 1)).toBeGreaterThan(4);
    expect((await edit({ image: b64(red), prompt: '[fail:500]' })).status).toBe(500);
  });

  it('answers 503 for an offline model and deprecation headers for a deprecated one', async () => {
    expect((await edit({ image: b64(red), prompt: 'p', model: 'grok-imagine-edit' })).status).toBe(503);
    const old = await edit({ image: b64(red), prompt: 'p', model: 'qwen-edit' });
    expect(old.headers.get('x-venice-deprecated-replacement')).toBe('firered-image-edit');
  });
});

describe('POST /image/multi-edit', () => {
  it('combines images in order: the first is the base and sets the ratio, the others are inset', async () => {
    const res = await multi({ modelId: 'qwen-edit', prompt: 'together', images: [b64(red), b64(blue), b64(green)] });
    expect(res.status).toBe(200);
    const out = sharp(await bytesOf(res));
    const m = await out.metadata();
    expect((m.width ?? 0) / (m.height ?? 1)).toBeCloseTo(2, 1);
    const { data, info } = await out.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const inset = Math.floor(Math.min(info.width, info.height) / 4);
    const pixel = (x: number, y: number): number[] => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    // Bottom-left inset is the second image (blue), the one after it the third (green).
    const [r1, , b1] = pixel(inset / 2, info.height - inset / 2);
    const [, g2, b2] = pixel(inset + inset / 2, info.height - inset / 2);
    expect(b1).toBeGreaterThan(r1 ?? 0);
    expect(g2).toBeGreaterThan(b2 ?? 0);
  });

  it('takes repeated multipart image parts in order', async () => {
    const form = new FormData();
    form.set('modelId', 'nano-banana-2-edit');
    form.set('prompt', 'four');
    for (const img of [red, blue, green, red]) form.append('images', new Blob([img]), 'x.png');
    expect((await postForm(`${fake.url}/image/multi-edit`, form, KEY)).status).toBe(200);
    expect((fake.requests.at(-1)?.body as { images?: unknown[] } | undefined)?.images).toHaveLength(4);
  });

  it('limits images to maxInputImages (default 3), refuses models that cannot combine, and names its model modelId', async () => {
    const four = await multi({ modelId: 'qwen-edit', prompt: 'p', images: [b64(red), b64(red), b64(red), b64(red)] });
    expect((await json(four)).details).toHaveProperty(['images', '_errors'], ['Array must contain at most 3 element(s)']);
    expect((await multi({ modelId: 'gpt-image-1-5-edit', prompt: 'p', images: [b64(red), b64(blue)] })).status).toBe(400);
    const named = await multi({ model: 'qwen-edit', prompt: 'p', images: [b64(red)] });
    expect((await json(named)).details).toEqual({ _errors: ["Unrecognized key(s) in object: 'model'"] });
    const refused = await multi({ modelId: 'qwen-edit', prompt: '[fail:violation]', images: [b64(red), b64(blue)] });
    expect(refused.status).toBe(422);
  });
});

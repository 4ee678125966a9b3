import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkInputImage, readInputFile, type InputImage } from '../../src/main/core/venice/inputImage.ts';
import { createIterateClient, type IterateClient } from '../../src/main/core/venice/iterateClient.ts';
import { startFakeVenice, type FakeVenice } from '../fake-venice/server.ts';
import { rejectionOf } from './helpers/errorCode.ts';

// Lagoon's edit-family client against the fake Venice over HTTP: input checks before sending, exact POST counts,
// answer checks after, and no resend after an ambiguous failure.

const KEY = 'test-key';
let fake: FakeVenice;
let client: IterateClient;
let dir: string;
let photo: InputImage;
let second: InputImage;

const png = (width: number, height: number, background: string): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();

beforeAll(async () => {
  fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 10_000 });
  client = createIterateClient({ baseUrl: fake.url });
  dir = await mkdtemp(join(tmpdir(), 'lagoon-iterate-'));
  photo = await checkInputImage(await png(640, 320, '#3366aa'), 'photo');
  second = await checkInputImage(await png(300, 300, '#aa3366'), 'second');
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
});

const posts = (): number => fake.requests.filter((r) => r.method === 'POST').length;
const noRetry = { retry: false as const };

describe('input checks before sending', () => {
  it.each([
    ['too few pixels', () => png(255, 256, '#fff'), 'too_small'],
    ['too many pixels', () => png(5761, 5760, '#fff'), 'too_large'],
    ['not an image', async () => Buffer.from('GIF89a, not one of the three'), 'not_an_image'],
  ])('refuses %s with INVALID_INPUT', async (_label, make, problem) => {
    const error = await rejectionOf(checkInputImage(await make(), 'input'));
    expect([error.code, (error.details as { problem: string }).problem]).toEqual(['INVALID_INPUT', problem]);
    expect(error.message).toMatch(/Nothing was sent/);
  });

  it('refuses a 25 MB file from its size, without reading it, and accepts the bounds themselves', async () => {
    const heavy = join(dir, 'heavy.png');
    await writeFile(heavy, Buffer.alloc(25 * 1024 * 1024));
    expect((await rejectionOf(readInputFile(heavy))).details).toMatchObject({ problem: 'too_heavy' });
    const smallest = await checkInputImage(await png(256, 256, '#fff'), 'smallest');
    expect(smallest.sha256).toBe(createHash('sha256').update(smallest.bytes).digest('hex'));
  });

  it('sends nothing for an invalid body, a bad key or too many images', async () => {
    expect((await rejectionOf(client.edit({ model: 'firered-image-edit', prompt: '' }, photo, KEY))).code).toBe('INVALID_INPUT');
    expect((await rejectionOf(client.edit({ model: 'firered-image-edit', prompt: 'p' }, photo, ''))).code).toBe('KEY_MISSING');
    expect((await rejectionOf(client.combine({ modelId: 'qwen-edit', prompt: 'p' }, [photo, second, photo, second], 3, KEY))).code).toBe('INVALID_INPUT');
    expect(posts()).toBe(0);
  });
});

describe('edit and combine', () => {
  it('sends one multipart POST and returns the checked image with the request named by hashes', async () => {
    const result = await client.edit({ model: 'firered-image-edit', prompt: 'a lighthouse', enhance_prompt: true }, photo, KEY);
    expect(posts()).toBe(1);
    expect(String(fake.requests[0]?.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(result.format).toBe('png');
    expect(result.width / result.height).toBeCloseTo(2, 1);
    expect(result.request).toEqual({ model: 'firered-image-edit', prompt: 'a lighthouse', enhance_prompt: true, output_format: 'png', image: `sha256:${photo.sha256}` });
    expect(result.response.enhancedPrompt).toBe('a lighthouse, highly detailed, dramatic lighting');
    expect(JSON.stringify(result.request)).not.toContain(photo.bytes.subarray(0, 12).toString('base64'));
  });

  it('combines in the order given', async () => {
    const result = await client.combine({ modelId: 'qwen-edit', prompt: 'both', output_format: 'webp' }, [second, photo], 3, KEY);
    expect(result.request.images).toEqual([`sha256:${second.sha256}`, `sha256:${photo.sha256}`]);
    expect([result.format, result.width]).toEqual(['webp', result.height]);
    const sent = fake.requests[0]?.body as { images: Buffer[] };
    expect(sent.images.map((b) => createHash('sha256').update(b).digest('hex'))).toEqual([second.sha256, photo.sha256]);
  });

  it('treats a 422 as a content refusal that cost nothing, sent once', async () => {
    const error = await rejectionOf(client.edit({ model: 'firered-image-edit', prompt: '[fail:violation]' }, photo, KEY));
    expect([error.code, (error.details as { mayHaveBeenCharged: boolean }).mayHaveBeenCharged, posts()]).toEqual(['CONTENT_BLOCKED', false, 1]);
  });

  it('never resends after an ambiguous failure, but retries a 503', async () => {
    const error = await rejectionOf(client.edit({ model: 'firered-image-edit', prompt: '[fail:500]' }, photo, KEY));
    expect([error.code, (error.details as { mayHaveBeenCharged: boolean }).mayHaveBeenCharged, posts()]).toEqual(['UPSTREAM_ERROR', true, 1]);
    fake.requests.length = 0;
    await client.edit({ model: 'firered-image-edit', prompt: 'busy [fail:503x1]' }, photo, KEY, { retry: { baseDelayMs: 1 } });
    expect(posts()).toBe(2);
  });

  it.each([
    ['[fail:wrongformat]', /JPEG image although PNG/],
    ['[fail:wrongsize]', /not the shape/],
    ['[fail:html200]', /instead of the image/],
  ])('refuses an answer that is not the image asked for: %s', async (trigger, message) => {
    const error = await rejectionOf(client.edit({ model: 'firered-image-edit', prompt: trigger }, photo, KEY, noRetry));
    expect([error.code, posts()]).toEqual(['INVALID_RESPONSE', 1]);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/may have been charged/);
  });
});

describe('upscale and background removal', () => {
  it('upscales exactly 2× and plans a clamped 4× of a large input', async () => {
    const two = await client.upscale({ scale: 2 }, photo, KEY);
    expect([two.width, two.height, two.plan.clamped]).toEqual([1280, 640, false]);
    const big = await checkInputImage(await png(2000, 1500, '#777'), 'big');
    const four = await client.upscale({ scale: 4 }, big, KEY);
    expect([four.plan.clamped, four.width * four.height <= 16_777_216, four.width > 2000]).toEqual([true, true, true]);
  });

  it('refuses, before sending, an input too large to grow; and an answer that did not grow after', async () => {
    const huge = await checkInputImage(await png(5000, 4000, '#777'), 'huge');
    expect((await rejectionOf(client.upscale({ scale: 2 }, huge, KEY))).details).toMatchObject({ problem: 'too_large_to_upscale' });
    expect(posts()).toBe(0);
    fake.failNext('/image/upscale', '[fail:nogrow]');
    expect((await rejectionOf(client.upscale({ scale: 2 }, photo, KEY))).message).toMatch(/640×320 .*input/);
  });

  it('removes the background into a same-size PNG with alpha, and refuses one without', async () => {
    const cut = await client.removeBackground(photo, KEY);
    expect([cut.format, cut.width, cut.height, (await sharp(cut.bytes).metadata()).hasAlpha]).toEqual(['png', 640, 320, true]);
    fake.failNext('/image/background-remove', '[fail:noalpha]');
    expect((await rejectionOf(client.removeBackground(photo, KEY))).message).toMatch(/without transparency/);
  });
});

describe('catalogues', () => {
  it('reads the edit models (offline, deprecated, limits) and the prices', async () => {
    const models = await client.listEditModels();
    expect(models.find((m) => m.id === 'grok-imagine-edit')?.offline).toBe(true);
    expect(models.find((m) => m.id === 'qwen-edit')?.deprecation).toEqual({ date: '2026-09-01T00:00:00.000Z', replacement: 'firered-image-edit' });
    expect(models.find((m) => m.id === 'nano-banana-2-edit')).toMatchObject({ maxInputImages: 4, priceUsd: 0.1, combineImages: true });
    expect(models.find((m) => m.id === 'firered-image-edit')?.maxInputImages).toBe(3);
    expect(await client.iteratePrices()).toEqual({ upscale2x: 0.02, upscale4x: 0.08, removeBackground: 0.03 });
  });
});

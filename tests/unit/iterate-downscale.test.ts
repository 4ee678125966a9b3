import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/main/core/ipc/router.ts';
import type { Services } from '../../src/main/core/services.ts';
import type { Result } from '../../src/shared/errors.ts';
import { ITERATE_LIMITS } from '../../src/shared/iterateLimits.ts';
import { recordingContext } from './helpers/requestContext.ts';
import { eachRoutedServices } from './helpers/routedServices.ts';

/**
 * iterate.downscale_input: a library image too large for Venice gets a smaller copy that fits, made here with sharp
 * (nothing is sent: the base URL dials a closed port), stored as a new library image; the original is untouched.
 * Real images, a real database and library, through the real router.
 */
let services: Services;
let dispatch: Dispatch;
eachRoutedServices({ prefix: 'lagoon-downscale-' }, (app) => ({ services, dispatch } = app));

const ok = async <T,>(promise: Promise<Result<unknown>>): Promise<T> => {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as T;
};
const ctx = () => recordingContext().ctx;
const addFile = (name: string, bytes: Buffer) => ok<{ id: string }>(dispatch('iterate.add_file', { name, bytes: new Uint8Array(bytes) }, ctx()));
const downscale = (id: string) => ok<{ id: string; width: number; height: number; added: boolean }>(dispatch('iterate.downscale_input', { id }, ctx()));
const prepare = (id: string) => dispatch('iterate.prepare', { draft: { endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id }] } }, ctx());
const imageCount = (): number => (services.db.prepare('SELECT COUNT(*) AS n FROM images').get() as { n: number }).n;
const fileOf = (id: string): Buffer => readFileSync(services.library.mediaPath('image', id) ?? '');

/** A half-transparent gradient: compresses well, so the pixel bound is what it breaks. */
const widePng = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width: 256, height: 128, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 0.5 } } })
    .resize(width, height, { kernel: 'nearest' })
    .png()
    .toBuffer();

/** Noise does not compress: a PNG within the pixel bound that is 25 MB or more. */
const heavyPng = (side: number): Promise<Buffer> =>
  sharp({ create: { width: side, height: side, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png({ compressionLevel: 1 })
    .toBuffer();

describe('iterate.downscale_input', () => {
  it('makes a PNG over the pixel bound into the largest copy of the same shape that fits, with its alpha, and leaves the original as it was', async () => {
    // 8192×4096 is the most pixels the library takes in (imageLimits.ts) and more than Venice's 33,177,600.
    const original = await addFile('panorama.png', await widePng(8192, 4096));
    const before = services.library.get(original.id);
    const originalBytes = fileOf(original.id);

    const refused = await prepare(original.id);
    expect(refused.ok).toBe(false);
    const details = (refused as { error: { details: Record<string, unknown> } }).error.details;
    expect(details).toMatchObject({ problem: 'too_large', canDownscale: true, downscaleTo: { width: 8145, height: 4072 } });

    const copy = await downscale(original.id);
    expect(copy).toMatchObject({ width: 8145, height: 4072, added: true });
    expect(copy.id).not.toBe(original.id);
    expect(copy.width * copy.height).toBeLessThanOrEqual(ITERATE_LIMITS.maxPixels);
    expect(imageCount()).toBe(2);

    const stored = services.library.get(copy.id);
    expect(stored).toMatchObject({ format: 'png', width: 8145, height: 4072, endpoint: 'import', request: { downscaledFrom: { imageId: original.id, sha256: before?.sha256 } } });
    const meta = await sharp(fileOf(copy.id)).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 8145, height: 4072, hasAlpha: true });

    expect(services.library.get(original.id)).toEqual(before);
    expect(fileOf(original.id).equals(originalBytes)).toBe(true);

    // The copy passes the check that refused the original.
    expect((await prepare(copy.id)).ok).toBe(true);
  });

  it('makes a file of 25 MB or more smaller until it is under the byte bound', async () => {
    const bytes = await heavyPng(3000);
    expect(bytes.length).toBeGreaterThanOrEqual(ITERATE_LIMITS.maxBytes);
    const original = await addFile('scan.png', bytes);
    const refused = await prepare(original.id);
    expect(refused.ok).toBe(false);
    expect((refused as { error: { details: Record<string, unknown> } }).error.details).toMatchObject({ problem: 'too_heavy', canDownscale: true });

    const copy = await downscale(original.id);
    expect(copy.added).toBe(true);
    expect(copy.width).toBe(copy.height);
    expect(copy.width).toBeLessThan(3000);
    expect(fileOf(copy.id).length).toBeLessThan(ITERATE_LIMITS.maxBytes);
    expect((await prepare(copy.id)).ok).toBe(true);
    expect(fileOf(original.id).equals(bytes)).toBe(true);
  });

  it('answers the same copy for a second click, an image that already fits with itself, and leaves a trashed copy in the trash', async () => {
    const original = await addFile('panorama.png', await widePng(8192, 4096));
    const first = await downscale(original.id);
    const second = await downscale(original.id);
    expect(second).toEqual({ ...first, added: false });
    expect(imageCount()).toBe(2);

    expect(await downscale(first.id)).toEqual({ id: first.id, width: 8145, height: 4072, added: false });
    expect(imageCount()).toBe(2);

    // A copy the user put in the trash stays there; the next click makes a new one.
    const trashed = await dispatch('images.trash', { ids: [first.id] }, ctx());
    expect(trashed.ok).toBe(true);
    const third = await downscale(original.id);
    expect(third.added).toBe(true);
    expect(third.id).not.toBe(first.id);
    expect(services.library.get(first.id)?.trashedAt).not.toBeNull();
  });

  it('refuses an id the library does not have', async () => {
    const result = await dispatch('iterate.downscale_input', { id: '00000000-0000-4000-8000-000000000000' }, ctx());
    expect(result.ok).toBe(false);
    expect((result as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

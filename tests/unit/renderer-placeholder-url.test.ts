import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { placeholderUrl } from '../../src/renderer/src/features/library/placeholderUrl.ts';

const half = (r: number, b: number) => sharp({ create: { width: 16, height: 32, channels: 4, background: { r, g: 20, b, alpha: 1 } } }).png().toBuffer();

/** A ThumbHash of a real picture, base64 as search rows carry it: left half red, right half blue. */
const hashOfSplitPicture = async (): Promise<string> => {
  const { data, info } = await sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } })
    .composite([{ input: await half(230, 20), left: 0, top: 0 }, { input: await half(20, 230), left: 16, top: 0 }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
};

describe('placeholderUrl', () => {
  it('decodes a row placeholder into a PNG that keeps the picture’s layout of colours', async () => {
    const url = placeholderUrl(await hashOfSplitPicture())!;
    expect(url).toMatch(/^data:image\/png;base64,/);
    const { data, info } = await sharp(Buffer.from(url.split(',')[1]!, 'base64')).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number) => data[(Math.floor(info.height / 2) * info.width + x) * info.channels];
    const blueAt = (x: number) => data[(Math.floor(info.height / 2) * info.width + x) * info.channels + 2];
    expect(at(1)!).toBeGreaterThan(blueAt(1)!);
    expect(blueAt(info.width - 2)!).toBeGreaterThan(at(info.width - 2)!);
  });

  it('is null when the row has none, and the same string for the same placeholder', async () => {
    expect(placeholderUrl(null)).toBeNull();
    expect(placeholderUrl(undefined)).toBeNull();
    expect(placeholderUrl('')).toBeNull();
    const hash = await hashOfSplitPicture();
    expect(placeholderUrl(hash)).toBe(placeholderUrl(hash));
  });
});

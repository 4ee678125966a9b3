import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { describe, expect, it, vi } from 'vitest';
import { decodedPlaceholderUrl, placeholderColour, placeholderUrl, whenPlaceholderDecoded } from '../../src/renderer/src/features/library/placeholderUrl.ts';

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

/** A ThumbHash of one flat colour, base64. */
const hashOfColour = async (r: number, g: number, b: number): Promise<string> => {
  const { data, info } = await sharp({ create: { width: 24, height: 24, channels: 4, background: { r, g, b, alpha: 1 } } }).raw().toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
};

const channels = (css: string): number[] => css.match(/[\d.]+/gu)!.map(Number);

describe('placeholderColour', () => {
  it('is the picture’s average colour, opaque for an opaque picture', async () => {
    const [r, g, b, a] = channels(placeholderColour(await hashOfColour(200, 40, 30))!);
    expect(r!).toBeGreaterThan(150);
    expect(g!).toBeLessThan(90);
    expect(b!).toBeLessThan(90);
    expect(a).toBe(1);
    const [r2, , b2] = channels(placeholderColour(await hashOfColour(20, 60, 220))!);
    expect(b2!).toBeGreaterThan(150);
    expect(r2!).toBeLessThan(90);
  });

  it('is null when the row has none or it is not a ThumbHash', () => {
    expect(placeholderColour(null)).toBeNull();
    expect(placeholderColour('')).toBeNull();
    expect(placeholderColour('not base64!')).toBeNull();
    expect(placeholderColour(btoa('ab'))).toBeNull();
  });
});

describe('whenPlaceholderDecoded', () => {
  it('decodes in an idle moment, not when asked, and hands every waiting tile the same picture', async () => {
    const hash = await hashOfColour(10, 200, 90);
    const got: string[] = [];
    whenPlaceholderDecoded(hash, (url) => got.push(url));
    whenPlaceholderDecoded(hash, (url) => got.push(url));
    expect(decodedPlaceholderUrl(hash)).toBeNull();
    expect(got).toEqual([]);
    await vi.waitFor(() => expect(got).toHaveLength(2));
    expect(got[0]).toMatch(/^data:image\/png;base64,/);
    expect(got[1]).toBe(got[0]);
    expect(decodedPlaceholderUrl(hash)).toBe(got[0]);
  });

  it('calls no tile that stopped waiting, and decodes nothing for it', async () => {
    const hash = await hashOfColour(120, 120, 10);
    const got: string[] = [];
    const stop = whenPlaceholderDecoded(hash, (url) => got.push(url));
    stop();
    const other = await hashOfColour(1, 2, 250);
    const done: string[] = [];
    whenPlaceholderDecoded(other, (url) => done.push(url));
    await vi.waitFor(() => expect(done).toHaveLength(1));
    expect(got).toEqual([]);
    expect(decodedPlaceholderUrl(hash)).toBeNull();
  });
});

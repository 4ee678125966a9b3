import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { OutputFormat } from './openAiSchema.ts';

/**
 * Real, decodable images for the fake: a flat colour with a disc and a bar whose colours and places come from a
 * hash of the prompt, so two prompts never look alike and a test can tell which request an image answers.
 * Rendering is cached because tests ask for the same few images over and over.
 */
export interface ImageSpec {
  width: number;
  height: number;
  format: OutputFormat;
  /** Usually the prompt; anything that should change the picture. */
  seedText: string;
  /** Safe Venice blurs adult output instead of refusing it. */
  blurred?: boolean;
  /** A content-policy violation comes back as a black picture. */
  blackout?: boolean;
}

const CACHE_LIMIT = 48;
const cache = new Map<string, Promise<Buffer>>();

const hex = (bytes: Buffer, at: number): string => `#${bytes.subarray(at, at + 3).toString('hex')}`;

export const overlaySvg = (width: number, height: number, h: Buffer): Buffer => {
  const short = Math.min(width, height);
  const cx = Math.round(((h[6] ?? 0) / 255) * width);
  const cy = Math.round(((h[7] ?? 0) / 255) * height);
  const r = Math.round(short * (0.15 + ((h[8] ?? 0) / 255) * 0.25));
  const barY = Math.round(((h[9] ?? 0) / 255) * height * 0.8);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${hex(h, 3)}"/>` +
    `<rect x="0" y="${barY}" width="${width}" height="${Math.max(4, Math.round(height / 10))}" fill="${hex(h, 10)}"/>` +
    `</svg>`;
  return Buffer.from(svg);
};

export const encode = (image: Sharp, format: OutputFormat): Promise<Buffer> => {
  switch (format) {
    case 'png':
      return image.png({ compressionLevel: 1 }).toBuffer();
    case 'jpeg':
      return image.jpeg({ quality: 80 }).toBuffer();
    case 'webp':
      return image.webp({ quality: 80, effort: 0 }).toBuffer();
  }
};

const render = async (spec: ImageSpec): Promise<Buffer> => {
  const { width, height } = spec;
  if (spec.blackout) {
    return encode(sharp({ create: { width, height, channels: 3, background: '#000000' } }), spec.format);
  }
  const h = createHash('sha256').update(spec.seedText).digest();
  const base = sharp({ create: { width, height, channels: 3, background: hex(h, 0) } })
    .composite([{ input: overlaySvg(width, height, h), top: 0, left: 0 }])
    .removeAlpha();
  if (!spec.blurred) return encode(base, spec.format);
  // Blur needs the composite flattened first; sharp applies blur before composite in a single pipeline.
  const flat = await base.png({ compressionLevel: 0 }).toBuffer();
  return encode(sharp(flat).blur(12), spec.format);
};

export const renderImage = (spec: ImageSpec): Promise<Buffer> => {
  const key = JSON.stringify([spec.width, spec.height, spec.format, spec.seedText, !!spec.blurred, !!spec.blackout]);
  let pending = cache.get(key);
  if (!pending) {
    pending = render(spec);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return pending;
};

/** For `[fail:wrongformat]`: a real image, just not in the format that was asked for. */
export const otherFormat = (format: OutputFormat): OutputFormat => (format === 'jpeg' ? 'png' : 'jpeg');

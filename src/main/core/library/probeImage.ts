import type { Metadata } from 'sharp';
import { loadSharp } from './loadSharp.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { MAX_IMAGE_PIXELS } from './imageLimits.ts';

export interface ImageProbe {
  /** As displayed, i.e. after any EXIF orientation is applied. */
  width: number;
  height: number;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Checked before any decoder sees the bytes, so a file can never be stored under a format it is not. */
const hasMagic = (bytes: Uint8Array, format: ImageFormat): boolean => {
  switch (format) {
    case 'png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'webp':
      return startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8);
  }
};

const invalid = (message: string, cause?: unknown) =>
  new AppError('INVALID_RESPONSE', message, undefined, cause === undefined ? undefined : { cause });

/**
 * Reads only the header: the format must be the one Venice was asked for and the pixel count within our cap.
 * Whether the whole image decodes is proven by making its thumbnail.
 */
export async function probeImage(bytes: Uint8Array, format: ImageFormat): Promise<ImageProbe> {
  if (!hasMagic(bytes, format)) throw invalid(`The image received is not a valid ${format.toUpperCase()} file.`);
  let meta: Metadata;
  try {
    // Header only, no pixels decoded: the cap is checked below with a clearer message than sharp's.
    meta = await (await loadSharp())(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw invalid(`The image received is not a readable ${format.toUpperCase()} file.`, cause);
  }
  if (meta.format !== format) throw invalid(`The image received is not a valid ${format.toUpperCase()} file.`);
  const { width, height } = meta.autoOrient ?? meta;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw invalid('The image received has no valid dimensions.');
  }
  if (width * height > MAX_IMAGE_PIXELS) throw invalid(`The image received is too large (${width}x${height} pixels).`);
  return { width, height };
}

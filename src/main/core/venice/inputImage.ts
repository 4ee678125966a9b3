import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Metadata } from 'sharp';
import { loadSharp } from '../library/loadSharp.ts';
import { AppError } from '../../../shared/errors.ts';
import { ITERATE_LIMITS } from '../../../shared/iterate.ts';
import { fitWithinPixels } from '../../../shared/iterateLimits.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { sniffImageFormat } from './imageBytes.ts';

/**
 * An input of the edit family, checked before anything is sent (API notes §6): a real PNG, JPEG or WebP by its
 * magic number, under 25 MB, with 65,536 to 33,177,600 pixels. Only the header is read for the size, so a
 * 33-megapixel input is never decoded here. Every failure is INVALID_INPUT with "Nothing was sent".
 */
export interface InputImage {
  bytes: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
  sha256: string;
}

type InputProblem = 'too_heavy' | 'not_an_image' | 'too_small' | 'too_large';

const refuse = (label: string, problem: InputProblem, message: string, extra: Record<string, unknown> = {}): AppError =>
  new AppError('INVALID_INPUT', `${label}: ${message} Nothing was sent.`, { problem, input: label, ...extra });

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const checkInputImage = async (bytes: Buffer, label: string): Promise<InputImage> => {
  if (bytes.length >= ITERATE_LIMITS.maxBytes) {
    throw refuse(label, 'too_heavy', `the file is ${megabytes(bytes.length)}; Venice takes images under 25 MB.`, { bytes: bytes.length });
  }
  const format = sniffImageFormat(bytes);
  if (format === null) throw refuse(label, 'not_an_image', 'this is not a PNG, JPEG or WebP image.');
  let meta: Metadata;
  try {
    meta = await (await loadSharp())(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw refuse(label, 'not_an_image', `this ${format.toUpperCase()} file cannot be read.`);
  }
  const { width = 0, height = 0 } = meta;
  const pixels = width * height;
  const size = { width, height };
  if (pixels < ITERATE_LIMITS.minPixels) {
    throw refuse(label, 'too_small', `${width}×${height} is too small; Venice needs at least 65,536 pixels (256×256).`, size);
  }
  if (pixels > ITERATE_LIMITS.maxPixels) {
    // Downscaling first would help; the caller may offer it (details.canDownscale, at the size in downscaleTo).
    throw refuse(label, 'too_large', `${width}×${height} is too large; Venice takes at most 33,177,600 pixels.`, {
      ...size,
      canDownscale: true,
      downscaleTo: fitWithinPixels(width, height),
    });
  }
  return { bytes, format, width, height, sha256: createHash('sha256').update(bytes).digest('hex') };
};

/** Reads a file once into one Buffer, refusing an oversized one from its size alone (it is never read). */
export const readInputFile = async (path: string, label: string = path): Promise<Buffer> => {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new AppError('INVALID_INPUT', `${label}: the file cannot be opened. Nothing was sent.`, { problem: 'unreadable', input: label }, { cause });
  }
  try {
    const { size } = await handle.stat();
    if (size >= ITERATE_LIMITS.maxBytes) {
      // A smaller copy (fewer pixels, encoded again) would fit; its size is known only once it is made.
      throw refuse(label, 'too_heavy', `the file is ${megabytes(size)}; Venice takes images under 25 MB.`, { bytes: size, canDownscale: true });
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
};

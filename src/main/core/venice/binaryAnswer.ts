import type { Metadata } from 'sharp';
import { loadSharp } from '../library/loadSharp.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { invalidResponse } from './httpErrors.ts';
import { sniffImageFormat } from './imageBytes.ts';
import type { Exchange } from './transport.ts';

/**
 * What a 200 from the edit family must be before Lagoon stores it: image bytes (not JSON, not a CDN page) whose
 * magic number is the format asked for, with the size the operation implies. Venice did the work by then, so
 * every failure here says the request may have been charged.
 */
export interface ExpectedAnswer {
  format: ImageFormat;
  /** Exact size (background removal keeps it; an upscale's is computed from the input). */
  size?: { width: number; height: number };
  /** Width/height ratio within 3 % (edit and combine render a ratio, not a size). */
  ratio?: number;
  /** The result must be larger than this on both edges (an upscale that did not grow is an error). */
  largerThan?: { width: number; height: number };
  /** The result must carry an alpha channel (background removal). */
  alpha?: boolean;
}

export interface ImageAnswer {
  bytes: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
}

const RATIO_TOLERANCE = 0.03;

export const readImageAnswer = async (exchange: Exchange, expected: ExpectedAnswer): Promise<ImageAnswer> => {
  const { body } = exchange;
  const contentType = (exchange.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const actual = sniffImageFormat(body);
  if (actual === null) {
    const what = contentType.startsWith('image/') ? 'data that is not a PNG, JPEG or WebP image' : contentType || 'an answer without a content type';
    throw invalidResponse(`Venice sent ${what} instead of the image.`, { bodySnippet: body.subarray(0, 200).toString('utf8') });
  }
  if (actual !== expected.format) {
    throw invalidResponse(`Venice sent a ${actual.toUpperCase()} image although ${expected.format.toUpperCase()} was requested.`, { expected: expected.format, actual });
  }
  let meta: Metadata;
  try {
    meta = await (await loadSharp())(body, { limitInputPixels: false }).metadata();
  } catch {
    throw invalidResponse(`Venice sent a ${actual.toUpperCase()} image that cannot be read.`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const got = `${width}×${height}`;
  if (expected.ratio !== undefined && height > 0 && Math.abs(width / height / expected.ratio - 1) > RATIO_TOLERANCE) {
    throw invalidResponse(`Venice sent a ${got} image, not the shape that was asked for.`, { width, height, expectedRatio: expected.ratio });
  }
  const floor = expected.largerThan;
  if (floor && (width <= floor.width || height <= floor.height)) {
    throw invalidResponse(`Venice's upscale came back ${got}, no larger than the ${floor.width}×${floor.height} input.`, { width, height });
  }
  if (expected.size && (width !== expected.size.width || height !== expected.size.height)) {
    throw invalidResponse(`Venice sent a ${got} image although ${expected.size.width}×${expected.size.height} was expected.`, { width, height });
  }
  if (expected.alpha && meta.hasAlpha !== true) throw invalidResponse('Venice sent the image without transparency.');
  return { bytes: body, format: actual, width, height };
};

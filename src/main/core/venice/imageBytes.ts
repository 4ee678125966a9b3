import { AppError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';

/**
 * Checks on image bytes coming back from Venice, before anything is stored. Node's `Buffer.from(s, 'base64')`
 * silently skips characters outside the alphabet, accepts base64url and missing padding, and stops at the
 * first '=': a corrupted answer would decode to a shorter, broken file without any error. So the text must be
 * exactly the canonical encoding of the bytes it decodes to.
 */

const invalid = (message: string): AppError => new AppError('INVALID_RESPONSE', message);

export function decodeBase64Strict(text: string): Buffer {
  if (typeof text !== 'string' || text.length === 0) throw invalid('Venice sent an empty image.');
  if (text.length % 4 !== 0) throw invalid('Venice sent image data that is not valid base64.');
  const bytes = Buffer.from(text, 'base64');
  // Re-encoding is the whole check: only the canonical text of these bytes comes back identical, so a skipped
  // character, a base64url letter, '=' out of place, non-zero padding bits ("QR==") or a non-ASCII character whose
  // low byte Node reads as a letter all fail here. (A regex over the text first cost 10 ms per megapixel image.)
  if (bytes.toString('base64') !== text) throw invalid('Venice sent image data that is not valid base64.');
  return bytes;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** The format the magic number says, or null for anything else (GIF, SVG, HTML, empty, truncated). */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'jpeg';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'webp';
  return null;
}

export function assertImageFormat(bytes: Uint8Array, expected: ImageFormat): void {
  const actual = sniffImageFormat(bytes);
  if (actual === null) throw new AppError('INVALID_RESPONSE', 'Venice sent data that is not a PNG, JPEG or WebP image.', { expected });
  if (actual !== expected) {
    throw new AppError('INVALID_RESPONSE', `Venice sent a ${actual.toUpperCase()} image although ${expected.toUpperCase()} was requested.`, {
      expected,
      actual,
    });
  }
}

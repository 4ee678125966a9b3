import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { placeholderOf } from './placeholders/placeholder.ts';
import { probeImage } from './probeImage.ts';
import { makeThumbnail } from './thumbnails.ts';

/** What the library stores beside an image's bytes: its size, its thumbnail (proof it decodes) and placeholder. */
export interface RenderedImage {
  width: number;
  height: number;
  thumbnail: Buffer;
  placeholder: Buffer;
}

/** A rendered image plus the hash of its stored bytes: everything ingest would otherwise compute itself. */
export interface PreparedImage extends RenderedImage {
  sha256: string;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Probes, thumbnails and hashes an image for the library. The one way both a generation's ingest (in the main
 * process) and an import (on the inspect workers, several files at once) do it. `decoderBytes` is the image as the
 * decoder may see it (an imported PNG without its text chunks).
 */
export async function renderImage(decoderBytes: Uint8Array, format: ImageFormat): Promise<RenderedImage> {
  const { width, height } = await probeImage(decoderBytes, format);
  let thumbnail: Buffer;
  try {
    thumbnail = await makeThumbnail(decoderBytes);
  } catch (cause) {
    throw new AppError('INVALID_RESPONSE', 'The image received could not be decoded.', undefined, { cause });
  }
  return { width, height, thumbnail, placeholder: await placeholderOf(thumbnail) };
}

import { loadSharp } from '../loadSharp.ts';
import { rgbaToThumbHash } from 'thumbhash';

/** ThumbHash takes at most 100×100 pixels; its placeholder has a few dozen DCT terms, so a larger input adds nothing. */
const HASH_EDGE = 100;

/**
 * The image's placeholder: a ThumbHash (colours, layout and aspect in ~25 bytes) of its thumbnail, decoded by the
 * renderer into a blurred preview. Made from the thumbnail, not the original: it is already small and decoded fast,
 * and the backfill job has nothing else for images stored before placeholders existed.
 */
export async function placeholderOf(thumbnail: Uint8Array): Promise<Buffer> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(thumbnail, { failOn: 'error' })
    .resize({ width: HASH_EDGE, height: HASH_EDGE, fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data));
}

/** As search rows carry it: base64 of the hash, or null when there is none (not yet computed, or none possible). */
export const placeholderText = (blob: Uint8Array | null): string | null =>
  blob && blob.byteLength > 0 ? Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString('base64') : null;

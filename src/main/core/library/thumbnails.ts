import { loadSharp } from './loadSharp.ts';
import { MAX_IMAGE_PIXELS } from './imageLimits.ts';

/**
 * A WebP preview whose longer edge is at most `maxEdge` (384 fills a 192-px grid cell on a 2x display). It fully
 * decodes the source, so it doubles as the proof that the bytes are a whole, readable image: `failOn: 'error'`
 * rejects truncated or corrupt data, and the pixel cap is enforced from the header before decoding starts.
 */
export async function makeThumbnail(bytes: Uint8Array, maxEdge = 384): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', autoOrient: true })
    .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .timeout({ seconds: 20 })
    .toBuffer();
}

import { readFile } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { ITERATE_LIMITS, fitWithinPixels } from '../../../shared/iterateLimits.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import type { Library } from '../library/library.ts';
import { MAX_IMAGE_PIXELS } from '../library/imageLimits.ts';
import { loadSharp } from '../library/loadSharp.ts';
import { sha256Of } from '../library/renderImage.ts';

/**
 * A smaller copy of a library image that is too large for Venice (more than 33,177,600 pixels, or 25 MB or more):
 * the largest size of the same shape within both bounds, in the same format (a PNG stays a PNG and keeps its
 * alpha), stored as a new library image through the same atomic ingest as every other (file first, then the row).
 * It is made on this machine: nothing is sent to Venice and it costs nothing. The original is left as it was.
 */
export interface DownscaledInput {
  id: string;
  width: number;
  height: number;
  /** False when the image already fitted (its own id) or the library already had this copy. */
  added: boolean;
}

interface DownscaleDeps {
  db: Database;
  library: Library;
}

/** Encoded again each try, a little smaller than the bytes asked for; a handful of tries is plenty (the area halves at least). */
const MAX_TRIES = 6;
const FIND_LIVE_COPY_SQL = 'SELECT id FROM images WHERE sha256 = ? AND trashed_at IS NULL LIMIT 1';
const BYTE_MARGIN = 0.95;

const encode = async (source: Buffer, format: ImageFormat, width: number, height: number): Promise<Buffer> => {
  const image = (await loadSharp())(source, { limitInputPixels: MAX_IMAGE_PIXELS }).resize(width, height, { fit: 'fill' });
  // Near-lossless for the lossy formats: the copy stands in for the original in an edit.
  if (format === 'jpeg') return image.jpeg({ quality: 92 }).toBuffer();
  if (format === 'webp') return image.webp({ quality: 92, alphaQuality: 100 }).toBuffer();
  return image.png().toBuffer();
};

/** The largest copy within both bounds: the pixel bound first, then smaller until the encoded file is under 25 MB. */
const makeCopy = async (source: Buffer, format: ImageFormat, width: number, height: number): Promise<{ bytes: Buffer; width: number; height: number }> => {
  let size = fitWithinPixels(width, height);
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const bytes = await encode(source, format, size.width, size.height);
    if (bytes.length < ITERATE_LIMITS.maxBytes) return { bytes, ...size };
    const pixels = Math.floor(size.width * size.height * (ITERATE_LIMITS.maxBytes / bytes.length) * BYTE_MARGIN);
    size = fitWithinPixels(size.width, size.height, pixels);
    if (size.width * size.height < ITERATE_LIMITS.minPixels) break;
  }
  throw new AppError('INVALID_INPUT', 'No copy of this image fits Venice\'s bounds. Nothing was sent.', { problem: 'cannot_downscale' });
};

export const downscaleInput = async (deps: DownscaleDeps, id: string): Promise<DownscaledInput> => {
  const original = deps.library.get(id);
  const path = original ? deps.library.mediaPath('image', id) : null;
  if (!original || path === null) throw new AppError('NOT_FOUND', 'This image is not in the library any more.', { id });
  const source = await readFile(path).catch((cause: unknown) => {
    throw new AppError('STORAGE_FAILED', 'The image file could not be read.', { id }, { cause });
  });
  const fits = original.width * original.height <= ITERATE_LIMITS.maxPixels && source.length < ITERATE_LIMITS.maxBytes;
  if (fits) return { id, width: original.width, height: original.height, added: false };

  const copy = await makeCopy(source, original.format, original.width, original.height);
  // The same original always gives the same copy: a second click finds the first one instead of a duplicate. One in
  // the trash is left there (the user put it away; restoring it unasked would change their library): a new one is made.
  const existing = deps.db.prepare(FIND_LIVE_COPY_SQL).get(sha256Of(copy.bytes)) as { id: string } | undefined;
  if (existing) return { id: existing.id, width: copy.width, height: copy.height, added: false };

  const stored = await deps.library.ingest({
    bytes: copy.bytes,
    format: original.format,
    prompt: original.prompt,
    model: original.model,
    // Made here, not by a Venice route: like an import, and the record says what it was made from.
    endpoint: 'import',
    request: { downscaledFrom: { imageId: original.id, sha256: original.sha256 }, width: copy.width, height: copy.height },
    response: {},
  });
  return { id: stored.id, width: stored.width, height: stored.height, added: true };
};

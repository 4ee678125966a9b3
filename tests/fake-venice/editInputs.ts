import sharp, { type Metadata } from 'sharp';

/**
 * Input images of the edit family (`image`, `images[]`), as Venice bounds them (API notes §6 and Addendum): a
 * PNG, JPEG or WebP file under 25 MB with 65,536 to 33,177,600 pixels. JSON bodies carry base64 (or a data URI);
 * multipart bodies carry the file itself. Only the header is read (sharp's metadata), so a 33-megapixel input
 * costs no decode here.
 */
const MIN_INPUT_PIXELS = 65_536;
const MAX_INPUT_PIXELS = 33_177_600;
/** "25 MB" taken as 25 MiB, the way a JavaScript server spells the limit (25 * 1024 * 1024). */
const MAX_INPUT_BYTES = 25 * 1024 * 1024;

export interface InputImage {
  bytes: Buffer;
  width: number;
  height: number;
  format: 'png' | 'jpeg' | 'webp';
  hasAlpha: boolean;
}

export type InputRead = { ok: true; image: InputImage } | { ok: false; status: number; body: Record<string, unknown> };

const refuse = (status: number, error: string, code?: string): InputRead => ({ ok: false, status, body: { error, ...(code ? { code } : {}) } });

const DATA_URI = /^data:image\/[a-z+.-]+;base64,/i;

const bytesOf = (value: unknown): Buffer | 'url' | null => {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value !== 'string' || value === '') return null;
  if (/^https?:\/\//i.test(value)) return 'url';
  return Buffer.from(value.replace(DATA_URI, ''), 'base64');
};

export const readInputImage = async (value: unknown, field: string): Promise<InputRead> => {
  const bytes = bytesOf(value);
  // Venice fetches http(s) URLs itself; the fake runs without network, so it refuses them plainly.
  if (bytes === 'url') return refuse(400, `${field}: the fake Venice does not fetch image URLs; send the bytes`);
  if (bytes === null || bytes.length === 0) return refuse(400, `${field}: an image is required`, 'CORRUPTED_IMAGE');
  if (bytes.length >= MAX_INPUT_BYTES) return refuse(413, 'File exceeds the maximum allowed size of 25 MB.', 'PAYLOAD_TOO_LARGE');
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    return refuse(400, `${field}: the image is corrupted or not a supported format`, 'CORRUPTED_IMAGE');
  }
  const format = meta.format;
  if ((format !== 'png' && format !== 'jpeg' && format !== 'webp') || !meta.width || !meta.height) {
    return refuse(400, `${field}: the image is corrupted or not a supported format`, 'CORRUPTED_IMAGE');
  }
  const pixels = meta.width * meta.height;
  if (pixels < MIN_INPUT_PIXELS) return refuse(400, `${field}: the image is too small (at least ${MIN_INPUT_PIXELS} pixels)`, 'IMAGE_TOO_SMALL');
  if (pixels > MAX_INPUT_PIXELS) return refuse(422, `${field}: the image is too large (at most ${MAX_INPUT_PIXELS} pixels)`, 'IMAGE_TOO_LARGE');
  return { ok: true, image: { bytes, width: meta.width, height: meta.height, format, hasAlpha: meta.hasAlpha === true } };
};

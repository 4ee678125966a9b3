import exifReader from 'exif-reader';

/**
 * The small EXIF block written into JPEG and WebP exports: ImageDescription (the prompt), Software, and UserComment
 * holding the A1111-style parameters in the "UNICODE" encoding A1111 itself writes and reads (piexif's UTF-16BE).
 * Big-endian TIFF, so the UTF-16 byte order and the TIFF byte order agree for readers that assume one from the other.
 */

export interface ExifFields {
  description?: string;
  software?: string;
  userComment?: string;
  /** Kept when stripping so an image that relied on it stays upright. */
  orientation?: number;
}

const TYPE_ASCII = 2;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const TYPE_UNDEFINED = 7;

const TAG_IMAGE_DESCRIPTION = 0x010e;
const TAG_ORIENTATION = 0x0112;
const TAG_SOFTWARE = 0x0131;
const TAG_EXIF_IFD = 0x8769;
const TAG_EXIF_VERSION = 0x9000;
const TAG_USER_COMMENT = 0x9286;

const UNICODE_PREFIX = Buffer.from('UNICODE\0', 'latin1');

interface Entry {
  tag: number;
  type: number;
  count: number;
  value: Buffer;
}

const ascii = (tag: number, text: string): Entry => {
  // EXIF says ASCII, but every current reader takes UTF-8 here; without it a non-English prompt would be lost.
  const value = Buffer.from(`${text}\0`, 'utf8');
  return { tag, type: TYPE_ASCII, count: value.length, value };
};

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

const long = (tag: number, n: number): Entry => {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(n);
  return { tag, type: TYPE_LONG, count: 1, value };
};

const short = (tag: number, n: number): Entry => {
  const value = Buffer.alloc(4);
  value.writeUInt16BE(n);
  return { tag, type: TYPE_SHORT, count: 1, value };
};

const ifdSize = (entries: readonly Entry[]): number =>
  2 + entries.length * 12 + 4 + entries.reduce((sum, e) => sum + (e.value.length > 4 ? e.value.length + (e.value.length % 2) : 0), 0);

/** Writes one IFD at `offset` of `out`: entries sorted by tag, then the values too big to sit inline. */
const writeIfd = (out: Buffer, offset: number, entries: Entry[]): void => {
  entries.sort((a, b) => a.tag - b.tag);
  out.writeUInt16BE(entries.length, offset);
  let data = offset + 2 + entries.length * 12 + 4;
  entries.forEach((e, i) => {
    const at = offset + 2 + i * 12;
    out.writeUInt16BE(e.tag, at);
    out.writeUInt16BE(e.type, at + 2);
    out.writeUInt32BE(e.count, at + 4);
    if (e.value.length <= 4) {
      e.value.copy(out, at + 8);
    } else {
      out.writeUInt32BE(data, at + 8);
      e.value.copy(out, data);
      data += e.value.length + (e.value.length % 2);
    }
  });
  out.writeUInt32BE(0, offset + 2 + entries.length * 12);
};

/** TIFF data (no "Exif\0\0" header). */
export function buildExif(fields: ExifFields): Buffer {
  const ifd0: Entry[] = [];
  if (fields.description) ifd0.push(ascii(TAG_IMAGE_DESCRIPTION, fields.description));
  if (fields.orientation !== undefined) ifd0.push(short(TAG_ORIENTATION, fields.orientation));
  if (fields.software) ifd0.push(ascii(TAG_SOFTWARE, fields.software));
  const exifIfd: Entry[] = [];
  if (fields.userComment) {
    exifIfd.push({ tag: TAG_EXIF_VERSION, type: TYPE_UNDEFINED, count: 4, value: Buffer.from('0232', 'latin1') });
    const value = Buffer.concat([UNICODE_PREFIX, utf16be(fields.userComment)]);
    exifIfd.push({ tag: TAG_USER_COMMENT, type: TYPE_UNDEFINED, count: value.length, value });
    ifd0.push(long(TAG_EXIF_IFD, 0));
  }
  const ifd0Size = ifdSize(ifd0);
  const out = Buffer.alloc(8 + ifd0Size + (exifIfd.length > 0 ? ifdSize(exifIfd) : 0));
  out.write('MM', 0, 'latin1');
  out.writeUInt16BE(42, 2);
  out.writeUInt32BE(8, 4);
  const exifOffset = 8 + ifd0Size;
  const pointer = ifd0.find((e) => e.tag === TAG_EXIF_IFD);
  if (pointer) pointer.value.writeUInt32BE(exifOffset);
  writeIfd(out, 8, ifd0);
  if (exifIfd.length > 0) writeIfd(out, exifOffset, exifIfd);
  return out;
}

/** Decodes a UserComment by its 8-byte charset prefix; UNICODE follows the TIFF byte order, as ExifTool does. */
const decodeUserComment = (raw: Buffer, bigEndian: boolean): string => {
  const body = raw.subarray(8);
  const prefix = raw.subarray(0, 8);
  if (prefix.equals(UNICODE_PREFIX)) {
    const copy = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
    if (bigEndian) copy.swap16();
    return copy.toString('utf16le').replace(/\0+$/u, '');
  }
  // ASCII, an all-zero "undefined" prefix, or JIS (which we do not decode): the bytes are read as UTF-8.
  return body.toString('utf8').replace(/\0+$/u, '');
};

const asText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8').replace(/\0+$/u, '');
  return undefined;
};

export interface ExifText {
  description?: string;
  userComment?: string;
  make?: string;
  model?: string;
  orientation?: number;
}

/** The text fields an import cares about, from "Exif\0\0"+TIFF or bare TIFF; null when it does not parse. */
export function readExifText(block: Buffer): ExifText | null {
  let parsed: ReturnType<typeof exifReader>;
  try {
    parsed = exifReader(block);
  } catch {
    return null;
  }
  const out: ExifText = {};
  const description = asText(parsed.Image?.ImageDescription);
  if (description) out.description = description;
  const make = asText(parsed.Image?.Make);
  if (make) out.make = make;
  const model = asText(parsed.Image?.Model);
  if (model) out.model = model;
  const orientation = parsed.Image?.Orientation;
  if (typeof orientation === 'number') out.orientation = orientation;
  const comment: unknown = parsed.Photo?.UserComment;
  if (Buffer.isBuffer(comment) && comment.length > 8) {
    const text = decodeUserComment(comment, parsed.bigEndian);
    if (text) out.userComment = text;
  }
  return out;
}

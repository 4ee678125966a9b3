/**
 * JPEG metadata without re-encoding: the marker segments before the scan are split out, APP1 segments are swapped,
 * and everything from the first SOS on (the compressed image) is copied byte for byte.
 */

export interface JpegSegment {
  marker: number;
  /** The payload after the two length bytes. */
  data: Buffer;
}

export interface JpegParts {
  segments: JpegSegment[];
  /** From the SOS marker to the end of the file, untouched. */
  scan: Buffer;
}

export const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
export const XMP_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const EXTENDED_XMP_HEADER = Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1');
/** A segment's length field counts itself and is 16 bits. */
export const MAX_SEGMENT_DATA = 0xffff - 2;

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;

export const isJpeg = (bytes: Uint8Array): boolean => bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === SOI && bytes[2] === 0xff;

const malformed = (): Error => new Error('Malformed JPEG');

/** Throws (plain Error) when the markers before the scan do not parse. */
export function readJpegSegments(input: Uint8Array): JpegParts {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isJpeg(bytes)) throw malformed();
  const segments: JpegSegment[] = [];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw malformed();
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[at + 1] === 0xff) at++;
    const marker = bytes[at + 1];
    if (marker === undefined) throw malformed();
    if (marker === SOS || marker === EOI) return { segments, scan: bytes.subarray(at) };
    // Standalone markers (TEM, RSTn) carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw malformed();
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) throw malformed();
    segments.push({ marker, data: bytes.subarray(at + 4, at + 2 + length) });
    at += 2 + length;
  }
  throw malformed();
}

export function writeJpegSegments(parts: JpegParts): Buffer {
  const pieces: Buffer[] = [Buffer.from([0xff, SOI])];
  for (const { marker, data } of parts.segments) {
    if (data.length > MAX_SEGMENT_DATA) throw new Error('JPEG segment too large');
    const head = Buffer.alloc(4);
    head[0] = 0xff;
    head[1] = marker;
    head.writeUInt16BE(data.length + 2, 2);
    pieces.push(head, data);
  }
  pieces.push(parts.scan);
  return Buffer.concat(pieces);
}

const startsWith = (data: Buffer, header: Buffer): boolean => data.length >= header.length && data.subarray(0, header.length).equals(header);

const isExifSegment = (s: JpegSegment): boolean => s.marker === APP1 && startsWith(s.data, EXIF_HEADER);
const isXmpSegment = (s: JpegSegment): boolean =>
  s.marker === APP1 && (startsWith(s.data, XMP_HEADER) || startsWith(s.data, EXTENDED_XMP_HEADER));

/** The EXIF block as exif-reader wants it ("Exif\0\0" + TIFF), or null. */
export const jpegExif = (parts: JpegParts): Buffer | null => parts.segments.find(isExifSegment)?.data ?? null;

export const jpegXmp = (parts: JpegParts): string | null => {
  const segment = parts.segments.find((s) => s.marker === APP1 && startsWith(s.data, XMP_HEADER));
  return segment ? segment.data.subarray(XMP_HEADER.length).toString('utf8') : null;
};

/** Text in COM segments, where some tools put a prompt. */
export const jpegComments = (parts: JpegParts): string[] => parts.segments.filter((s) => s.marker === 0xfe).map((s) => s.data.toString('utf8'));

/**
 * Drops any EXIF and XMP and inserts `exif` (TIFF data, without the "Exif\0\0" header) and `xmp` right after the
 * JFIF APP0, where readers expect them. Callers check sizes against MAX_SEGMENT_DATA first.
 */
export function replaceJpegMetadata(parts: JpegParts, added: { exif?: Buffer | null; xmp?: string | null }): JpegParts {
  const kept = parts.segments.filter((s) => !isExifSegment(s) && !isXmpSegment(s));
  const fresh: JpegSegment[] = [];
  if (added.exif) fresh.push({ marker: APP1, data: Buffer.concat([EXIF_HEADER, added.exif]) });
  if (added.xmp) fresh.push({ marker: APP1, data: Buffer.concat([XMP_HEADER, Buffer.from(added.xmp, 'utf8')]) });
  let insertAt = 0;
  while (kept[insertAt]?.marker === APP0) insertAt++;
  return { segments: [...kept.slice(0, insertAt), ...fresh, ...kept.slice(insertAt)], scan: parts.scan };
}

const isJfif = (s: JpegSegment): boolean => s.marker === APP0 && startsWith(s.data, Buffer.from('JFIF\0', 'latin1'));
const isIcc = (s: JpegSegment): boolean => s.marker === APP2 && startsWith(s.data, Buffer.from('ICC_PROFILE\0', 'latin1'));
/** The Adobe APP14 segment says how the colour channels are encoded; without it a CMYK/RGB JPEG decodes wrongly. */
const isAdobe = (s: JpegSegment): boolean => s.marker === APP14 && startsWith(s.data, Buffer.from('Adobe', 'latin1'));

/**
 * Keeps the decoding tables and frame headers plus JFIF, ICC and Adobe segments (which change how pixels look, not
 * what the image says about itself); every other APPn and every comment goes. `exif` re-adds a minimal EXIF
 * (orientation only) when the caller must keep the image upright.
 */
export function stripJpegMetadata(parts: JpegParts, exif?: Buffer | null): JpegParts {
  const kept = parts.segments.filter((s) => (s.marker < APP0 || s.marker > 0xef) && s.marker !== 0xfe ? true : isJfif(s) || isIcc(s) || isAdobe(s));
  return exif ? replaceJpegMetadata({ segments: kept, scan: parts.scan }, { exif }) : { segments: kept, scan: parts.scan };
}

/**
 * WebP metadata without re-encoding. A WebP file is a RIFF list of chunks; EXIF and XMP need the extended format,
 * whose VP8X header carries the canvas size and flags saying which optional chunks follow. A simple lossy (VP8) or
 * lossless (VP8L) file is promoted to that format with the size read from its own bitstream header.
 */

export interface WebpChunk {
  fourcc: string;
  data: Buffer;
}

const FLAG_ICC = 0x20;
const FLAG_ALPHA = 0x10;
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;
const FLAG_ANIMATION = 0x02;
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF']);

export const isWebp = (bytes: Uint8Array): boolean =>
  bytes.length >= 12 &&
  Buffer.from(bytes.buffer, bytes.byteOffset, 4).toString('latin1') === 'RIFF' &&
  Buffer.from(bytes.buffer, bytes.byteOffset + 8, 4).toString('latin1') === 'WEBP';

const malformed = (): Error => new Error('Malformed WebP');

/** Throws (plain Error) when the RIFF structure does not add up. */
export function readWebpChunks(input: Uint8Array): WebpChunk[] {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isWebp(bytes)) throw malformed();
  const end = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const chunks: WebpChunk[] = [];
  let at = 12;
  while (at + 8 <= end) {
    const size = bytes.readUInt32LE(at + 4);
    if (at + 8 + size > end) throw malformed();
    chunks.push({ fourcc: bytes.toString('latin1', at, at + 4), data: bytes.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size % 2);
  }
  if (chunks.length === 0) throw malformed();
  return chunks;
}

export function writeWebpChunks(chunks: readonly WebpChunk[]): Buffer {
  const pieces: Buffer[] = [];
  for (const { fourcc, data } of chunks) {
    const head = Buffer.alloc(8);
    head.write(fourcc, 0, 4, 'latin1');
    head.writeUInt32LE(data.length, 4);
    pieces.push(head, data);
    if (data.length % 2 === 1) pieces.push(Buffer.alloc(1));
  }
  const body = Buffer.concat(pieces);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** Canvas size and alpha from a simple file's bitstream header (RFC 9649 §2.5 and §3). */
const simpleImageInfo = (chunk: WebpChunk): { width: number; height: number; alpha: boolean } => {
  const d = chunk.data;
  if (chunk.fourcc === 'VP8 ') {
    if (d.length < 10 || d[3] !== 0x9d || d[4] !== 0x01 || d[5] !== 0x2a) throw malformed();
    return { width: d.readUInt16LE(6) & 0x3fff, height: d.readUInt16LE(8) & 0x3fff, alpha: false };
  }
  if (chunk.fourcc === 'VP8L') {
    if (d.length < 5 || d[0] !== 0x2f) throw malformed();
    const bits = d.readUInt32LE(1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  throw malformed();
};

const vp8x = (flags: number, width: number, height: number): WebpChunk => {
  const data = Buffer.alloc(10);
  data[0] = flags;
  data.writeUIntLE(width - 1, 4, 3);
  data.writeUIntLE(height - 1, 7, 3);
  return { fourcc: 'VP8X', data };
};

/** The same file in extended form (a copy of the VP8X header, so callers may change its flags). */
const toExtended = (chunks: readonly WebpChunk[]): WebpChunk[] => {
  const first = chunks[0];
  if (!first) throw malformed();
  if (first.fourcc === 'VP8X') {
    if (first.data.length < 10) throw malformed();
    return [{ fourcc: 'VP8X', data: Buffer.from(first.data) }, ...chunks.slice(1)];
  }
  const info = simpleImageInfo(first);
  return [vp8x(info.alpha ? FLAG_ALPHA : 0, info.width, info.height), ...chunks];
};

const setFlag = (header: WebpChunk, flag: number, on: boolean): void => {
  header.data[0] = on ? header.data[0]! | flag : header.data[0]! & ~flag;
};

export const webpMetadata = (chunks: readonly WebpChunk[]): { exif: Buffer | null; xmp: string | null } => ({
  exif: chunks.find((c) => c.fourcc === 'EXIF')?.data ?? null,
  xmp: chunks.find((c) => c.fourcc === 'XMP ')?.data.toString('utf8') ?? null,
});

/**
 * Removes any EXIF and XMP and adds the given ones (EXIF as bare TIFF data) after the image data, where the
 * container spec orders them; the VP8X flags are kept in step.
 */
export function replaceWebpMetadata(chunks: readonly WebpChunk[], added: { exif?: Buffer | null; xmp?: string | null }): WebpChunk[] {
  const extended = toExtended(chunks).filter((c) => c.fourcc !== 'EXIF' && c.fourcc !== 'XMP ');
  const header = extended[0]!;
  setFlag(header, FLAG_EXIF, Boolean(added.exif));
  setFlag(header, FLAG_XMP, Boolean(added.xmp));
  const lastImage = extended.findLastIndex((c) => IMAGE_CHUNKS.has(c.fourcc));
  const fresh: WebpChunk[] = [];
  if (added.exif) fresh.push({ fourcc: 'EXIF', data: added.exif });
  if (added.xmp) fresh.push({ fourcc: 'XMP ', data: Buffer.from(added.xmp, 'utf8') });
  return [...extended.slice(0, lastImage + 1), ...fresh, ...extended.slice(lastImage + 1)];
}

/**
 * Keeps the header, ICC profile and image/animation chunks; EXIF, XMP and unknown chunks go. A simple file has no
 * room for metadata and comes back unchanged.
 */
export function stripWebpMetadata(chunks: readonly WebpChunk[]): WebpChunk[] {
  if (chunks[0]?.fourcc !== 'VP8X') return [...chunks];
  const kept = toExtended(chunks).filter((c) => c.fourcc === 'VP8X' || c.fourcc === 'ICCP' || IMAGE_CHUNKS.has(c.fourcc));
  const header = kept[0]!;
  setFlag(header, FLAG_EXIF, false);
  setFlag(header, FLAG_XMP, false);
  setFlag(header, FLAG_ICC, kept.some((c) => c.fourcc === 'ICCP'));
  setFlag(header, FLAG_ANIMATION, kept.some((c) => c.fourcc === 'ANIM'));
  return kept;
}

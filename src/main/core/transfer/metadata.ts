import type { ImageFormat } from '../../../shared/venice.ts';
import { assertNoCredentials } from '../library/credentialGuard.ts';
import { buildA1111Parameters } from './a1111.ts';
import { buildExif, readExifText } from './exifBlock.ts';
import { isJpeg, jpegExif, MAX_SEGMENT_DATA, readJpegSegments, replaceJpegMetadata, stripJpegMetadata, writeJpegSegments, XMP_HEADER, EXIF_HEADER } from './jpegSegments.ts';
import { encodePngText, encodePngXmp, isPng, readPngChunks, replacePngTexts, stripPngChunks, writePngChunks, XMP_KEYWORD } from './pngChunks.ts';
import { isWebp, readWebpChunks, replaceWebpMetadata, stripWebpMetadata, webpMetadata, writeWebpChunks } from './webpChunks.ts';
import { buildXmp } from './xmpPacket.ts';
import type { XmpLineage } from './xmpLineage.ts';

export { readEmbedded } from './readEmbedded.ts';

/**
 * Writes and removes the metadata that lets other tools read an exported image's prompt: PNG gets an A1111
 * `parameters` text chunk and an XMP packet; JPEG and WebP get XMP and an EXIF block (ImageDescription = prompt,
 * UserComment = the same parameters text A1111 writes for its JPEGs). The compressed image data is never touched,
 * so an export is pixel-identical to the library's copy.
 */

/** What an image's metadata is built from: an ImageDetail from the library has all of it. */
export interface EmbedSource {
  id: string;
  createdAt: number;
  prompt: string;
  model: string;
  endpoint: string;
  width: number;
  height: number;
  format: ImageFormat;
  sha256: string;
  /** The body sent to Venice. */
  request: Record<string, unknown>;
  /** What came back; `variant` tells which image of a native batch this was. */
  response?: Record<string, unknown>;
  /** Where it came from, written as XMP Media Management (xmpMM) so other tools can follow the family. */
  lineage?: XmpLineage;
}

const SOFTWARE = 'Lagoon';
const PARAMETERS_KEYWORD = 'parameters';

export const sniffFormat = (bytes: Uint8Array): ImageFormat | null =>
  isPng(bytes) ? 'png' : isJpeg(bytes) ? 'jpeg' : isWebp(bytes) ? 'webp' : null;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The seed is stated only when it produced this image: in a native batch Venice uses it for the first variant
 * only, so a later variant's "Seed" would be a lie.
 */
const knownSeed = (source: EmbedSource): number | undefined => {
  const variant = num(source.response?.variant) ?? 0;
  return variant === 0 ? num(source.request.seed) : undefined;
};

export function buildParameters(source: EmbedSource): string {
  const r = source.request;
  const style = str(r.style_preset);
  return buildA1111Parameters({
    prompt: source.prompt,
    negativePrompt: str(r.negative_prompt),
    steps: num(r.steps),
    cfgScale: num(r.cfg_scale),
    seed: knownSeed(source),
    width: source.width,
    height: source.height,
    model: source.model,
    extra: style ? [['Style preset', style]] : [],
  });
}

const xmpFor = (source: EmbedSource, includeRequest = true): string =>
  buildXmp({
    id: source.id,
    createdAt: source.createdAt,
    prompt: source.prompt,
    model: source.model,
    endpoint: source.endpoint,
    sha256: source.sha256,
    ...(includeRequest ? { request: source.request } : {}),
    ...(source.lineage ? { lineage: source.lineage } : {}),
  });

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A JPEG APP1 segment holds 64 KiB: the full request if it fits, else the packet without it, else none. */
const jpegSizedXmp = (source: EmbedSource): string | null => {
  for (const includeRequest of [true, false]) {
    const xmp = xmpFor(source, includeRequest);
    if (XMP_HEADER.length + byteLength(xmp) <= MAX_SEGMENT_DATA) return xmp;
  }
  return null;
};

const exifFor = (source: EmbedSource, orientation: number | undefined, sizeLimit: number): Buffer => {
  const kept = orientation !== undefined && orientation !== 1 ? { orientation } : {};
  const full = buildExif({ description: source.prompt, software: SOFTWARE, userComment: buildParameters(source), ...kept });
  return full.length <= sizeLimit ? full : buildExif({ software: SOFTWARE, ...kept });
};

/** Orientation from an existing EXIF block, so replacing or stripping it cannot turn the picture on its side. */
const orientationOf = (exif: Buffer | null, bare: boolean): number | undefined =>
  exif ? readExifText(bare ? Buffer.concat([EXIF_HEADER, exif]) : exif)?.orientation : undefined;

/**
 * The same image with Lagoon's metadata embedded (replacing any earlier copy of the same fields). Throws a plain
 * Error if the bytes are not a well-formed file of `source.format`.
 */
export function embedMetadata(bytes: Uint8Array, source: EmbedSource): Buffer {
  // The row passed this check on ingest; checked again because these bytes leave the app.
  assertNoCredentials(source.request, 'request');
  if (sniffFormat(bytes) !== source.format) throw new Error(`Not a ${source.format} file`);
  switch (source.format) {
    case 'png': {
      const added = [encodePngText(PARAMETERS_KEYWORD, buildParameters(source)), encodePngXmp(xmpFor(source))];
      return writePngChunks(replacePngTexts(readPngChunks(bytes), new Set([PARAMETERS_KEYWORD, XMP_KEYWORD]), added));
    }
    case 'jpeg': {
      const parts = readJpegSegments(bytes);
      const exif = exifFor(source, orientationOf(jpegExif(parts), false), MAX_SEGMENT_DATA - EXIF_HEADER.length);
      return writeJpegSegments(replaceJpegMetadata(parts, { exif, xmp: jpegSizedXmp(source) }));
    }
    case 'webp': {
      const chunks = readWebpChunks(bytes);
      const exif = exifFor(source, orientationOf(webpMetadata(chunks).exif, true), Number.MAX_SAFE_INTEGER);
      return writeWebpChunks(replaceWebpMetadata(chunks, { exif, xmp: xmpFor(source) }));
    }
  }
}

/**
 * The same pixels with no text, XMP, EXIF, IPTC or comments left: for sharing without the prompt. Only what
 * changes how the image looks stays (colour profile, transparency, JPEG decoding tables, a non-default EXIF
 * orientation). Throws a plain Error on a malformed file.
 */
export function stripMetadata(bytes: Uint8Array, format: ImageFormat): Buffer {
  if (sniffFormat(bytes) !== format) throw new Error(`Not a ${format} file`);
  switch (format) {
    case 'png':
      return writePngChunks(stripPngChunks(readPngChunks(bytes)));
    case 'jpeg': {
      const parts = readJpegSegments(bytes);
      const orientation = orientationOf(jpegExif(parts), false);
      return writeJpegSegments(stripJpegMetadata(parts, orientation !== undefined && orientation !== 1 ? buildExif({ orientation }) : null));
    }
    case 'webp':
      return writeWebpChunks(stripWebpMetadata(readWebpChunks(bytes)));
  }
}

import { type A1111Parameters, parseA1111Parameters } from './a1111.ts';
import { parseComfyJson } from './comfy.ts';
import { type ExifText, readExifText } from './exifBlock.ts';
import { EXIF_HEADER, isJpeg, jpegComments, jpegExif, jpegXmp, readJpegSegments } from './jpegSegments.ts';
import { isPng, readPngChunks, readPngTexts, XMP_KEYWORD } from './pngChunks.ts';
import { isWebp, readWebpChunks, webpMetadata } from './webpChunks.ts';
import type { ReadLineage } from './xmpLineage.ts';
import { type LagoonXmp, readXmp } from './xmpPacket.ts';

/** Everything an import can learn from a file's own metadata; each part is present only when found and readable. */
export interface EmbeddedMetadata {
  /** Lagoon's own XMP: the original request, model, endpoint, id and creation time. */
  lagoon?: Partial<LagoonXmp>;
  /** A1111 `parameters` (PNG text chunk, or EXIF UserComment in JPEG/WebP). */
  a1111?: A1111Parameters & { raw: string };
  /** ComfyUI's API graph (`prompt`) and editor graph (`workflow`). */
  comfy?: { prompt?: Record<string, unknown>; workflow?: Record<string, unknown> };
  /** A caption from someone else's XMP (dc:description), EXIF ImageDescription or a JPEG comment. */
  description?: string;
  /** xmpMM parents, so an import can restore the links of a family (see lineageImport.ts). */
  xmpLineage?: ReadLineage;
}

interface RawFields {
  texts: Map<string, string>;
  xmp: string | null;
  exif: ExifText | null;
  comments: string[];
}

/** Keeps the first chunk of each keyword, as Pillow's `info` does. */
const firstByKeyword = (texts: ReadonlyArray<{ keyword: string; text: string }>): Map<string, string> => {
  const map = new Map<string, string>();
  for (const { keyword, text } of texts) if (!map.has(keyword)) map.set(keyword, text);
  return map;
};

const rawFields = (bytes: Uint8Array): RawFields | null => {
  if (isPng(bytes)) {
    const texts = firstByKeyword(readPngTexts(readPngChunks(bytes)));
    return { texts, xmp: texts.get(XMP_KEYWORD) ?? null, exif: null, comments: [] };
  }
  if (isJpeg(bytes)) {
    const parts = readJpegSegments(bytes);
    const exif = jpegExif(parts);
    return { texts: new Map(), xmp: jpegXmp(parts), exif: exif ? readExifText(exif) : null, comments: jpegComments(parts) };
  }
  if (isWebp(bytes)) {
    const { exif, xmp } = webpMetadata(readWebpChunks(bytes));
    // WebP's EXIF chunk is bare TIFF, though some writers keep the JPEG-style header.
    const block = exif && (exif.subarray(0, 6).equals(EXIF_HEADER) ? exif : Buffer.concat([EXIF_HEADER, exif]));
    return { texts: new Map(), xmp, exif: block ? readExifText(block) : null, comments: [] };
  }
  return null;
};

/** ComfyUI's WebP/JPEG savers put "prompt:{json}" and "workflow:{json}" into EXIF text fields. */
const comfyFromExif = (exif: ExifText | null): Map<string, string> => {
  const found = new Map<string, string>();
  for (const value of [exif?.model, exif?.make, exif?.description]) {
    const match = value ? /^(prompt|workflow):(\{[\s\S]*\})$/u.exec(value) : null;
    if (match?.[1] && match[2] && !found.has(match[1])) found.set(match[1], match[2]);
  }
  return found;
};

/**
 * Reads Lagoon XMP, A1111 parameters and ComfyUI graphs from PNG, JPEG or WebP bytes. Never throws: a malformed
 * file or field simply yields less.
 */
export function readEmbedded(bytes: Uint8Array): EmbeddedMetadata {
  let raw: RawFields | null;
  try {
    raw = rawFields(bytes);
  } catch {
    return {};
  }
  if (!raw) return {};
  const out: EmbeddedMetadata = {};

  const xmp = raw.xmp ? readXmp(raw.xmp) : { lagoon: null };
  if (xmp.lagoon) out.lagoon = xmp.lagoon;
  if (xmp.lineage) out.xmpLineage = xmp.lineage;

  const parameters = raw.texts.get('parameters') ?? raw.exif?.userComment;
  if (parameters && parameters.trim() !== '') out.a1111 = { ...parseA1111Parameters(parameters), raw: parameters };

  const comfyTexts = raw.texts.has('prompt') || raw.texts.has('workflow') ? raw.texts : comfyFromExif(raw.exif);
  const comfyPrompt = comfyTexts.get('prompt');
  const comfyWorkflow = comfyTexts.get('workflow');
  const prompt = comfyPrompt === undefined ? null : parseComfyJson(comfyPrompt);
  const workflow = comfyWorkflow === undefined ? null : parseComfyJson(comfyWorkflow);
  if (prompt || workflow) out.comfy = { ...(prompt ? { prompt } : {}), ...(workflow ? { workflow } : {}) };

  const description = xmp.description ?? raw.exif?.description ?? raw.comments[0];
  if (description && !/^(prompt|workflow):\{/u.test(description)) out.description = description;
  return out;
}

import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { relative, isAbsolute, sep } from 'node:path';
import { AppError, type AppErrorPayload, isAppError } from '../../../shared/errors.ts';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import { isImageId } from '../library/imageId.ts';
import type { Library } from '../library/library.ts';
import { EXTENSIONS, parseTemplate, renderFileStem, DEFAULT_TEMPLATE, nameFieldsOf } from '../../../shared/fileNames.ts';
import { buildParameters, embedMetadata, type EmbedSource, stripMetadata } from './metadata.ts';
import type { XmpLineage } from './xmpLineage.ts';

/** One image made ready to leave the library: its bytes as they will be written, its name stem and sidecar. */
export interface PreparedExport {
  id: string;
  stem: string;
  /** ".png", ".jpg", ".webp" */
  extension: string;
  bytes: Buffer;
  sidecar: Buffer | null;
  createdAt: number;
}

export interface ExportChoices {
  template?: string;
  stripMetadata?: boolean;
  sidecar?: boolean;
}

export interface ExportDeps {
  library: Library;
  /** The library's data folder: a source file must resolve inside it. */
  dataDir: string;
}

export type ExportProgress = { done: number; total: number; id: string; ok: boolean };

const SIDECAR_SCHEMA = 'lagoon.image/1';

const notFound = (): AppError => new AppError('NOT_FOUND', 'There is no image with this id in the library.');
const damaged = (cause?: unknown): AppError =>
  new AppError('STORAGE_FAILED', "This image's file in the library is missing or damaged, so it was not exported.", undefined, cause === undefined ? undefined : { cause });

export const toPayload = (error: unknown): AppErrorPayload =>
  isAppError(error)
    ? error.toPayload()
    : { code: 'STORAGE_FAILED', message: 'The file could not be written. Check that the folder is writable and the disk has free space.' };

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/** Deep enough for any real family; a cycle cannot happen (a child is made after its parents) but is bounded anyway. */
const MAX_HISTORY = 32;

/**
 * The image's parents and, walking base parents back to the first ancestor, one event per operation. Only derived
 * images carry xmpMM: an original's packet stays as it was (its lagoon:id and sha256 already name it, and its
 * children point at it by the same id).
 */
const lineageOf = (library: Library, detail: ImageDetail): XmpLineage | undefined => {
  const own = library.lineage(detail.id);
  if (own.parents.length === 0) return undefined;
  const history: Array<XmpLineage['history'][number]> = [];
  let current: { id: string | null; sha256: string; at: number | null } = { id: detail.id, sha256: detail.sha256, at: detail.createdAt };
  for (let depth = 0; depth < MAX_HISTORY && current.id !== null; depth++) {
    const lineage = depth === 0 ? own : library.lineage(current.id);
    history.unshift({ operation: lineage.operation ?? 'generate', ...current });
    const base = lineage.parents[0];
    if (!base) break;
    current = { id: base.id, sha256: base.sha256, at: base.id ? (library.get(base.id)?.createdAt ?? null) : null };
  }
  return { parents: own.parents.map((p) => ({ id: p.id, sha256: p.sha256, role: p.role })), history };
};

const embedSourceOf = (detail: ImageDetail, lineage?: XmpLineage): EmbedSource => ({
  id: detail.id,
  createdAt: detail.createdAt,
  prompt: detail.prompt,
  model: detail.model,
  endpoint: detail.endpoint,
  width: detail.width,
  height: detail.height,
  format: detail.format,
  sha256: detail.sha256,
  request: detail.request,
  ...(detail.response ? { response: detail.response } : {}),
  ...(lineage ? { lineage } : {}),
});

/** Everything the library knows about the image, readable without Lagoon; the key is never part of a row. */
const sidecarJson = (detail: ImageDetail, stripped: boolean): Buffer => {
  const source = embedSourceOf(detail);
  const record = {
    schema: SIDECAR_SCHEMA,
    ...source,
    createdAt: new Date(detail.createdAt).toISOString(),
    parameters: buildParameters(source),
    ...(detail.priceUsd !== undefined && detail.priceUsd !== null ? { priceUsd: detail.priceUsd } : {}),
    metadataEmbedded: !stripped,
  };
  return Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8');
};

/** Parses the template once for a whole export (an unknown field fails the export before any file is written). */
export const templateParts = (choices: ExportChoices) => parseTemplate(choices.template ?? DEFAULT_TEMPLATE);

/**
 * Loads one image for export: the row, the file (which must still hash to the row's sha256: a damaged copy is
 * reported, never handed on), then its bytes with metadata embedded or stripped.
 */
export async function prepareExport(
  deps: ExportDeps,
  id: string,
  choices: ExportChoices,
  parts: ReturnType<typeof templateParts>,
): Promise<PreparedExport> {
  if (!isImageId(id)) throw notFound();
  const detail = deps.library.get(id);
  const path = detail ? deps.library.mediaPath('image', id) : null;
  if (!detail || !path) throw notFound();
  let original: Buffer;
  try {
    const [real, root] = await Promise.all([realpath(path), realpath(deps.dataDir)]);
    if (!isInside(root, real)) throw damaged();
    original = await readFile(real);
  } catch (cause) {
    throw isAppError(cause) ? cause : damaged(cause);
  }
  if (createHash('sha256').update(original).digest('hex') !== detail.sha256) throw damaged();
  let bytes: Buffer;
  try {
    bytes =
      choices.stripMetadata === true
        ? stripMetadata(original, detail.format)
        : embedMetadata(original, embedSourceOf(detail, lineageOf(deps.library, detail)));
  } catch (cause) {
    throw isAppError(cause) ? cause : damaged(cause);
  }
  const stem = renderFileStem(parts, nameFieldsOf(detail));
  return {
    id,
    stem,
    extension: `.${EXTENSIONS[detail.format]}`,
    bytes,
    sidecar: choices.sidecar === true ? sidecarJson(detail, choices.stripMetadata === true) : null,
    createdAt: detail.createdAt,
  };
}

import { constants, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError, type AppErrorPayload, isAppError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import type { IngestInput, Library } from '../library/library.ts';
import type { ImportSource } from './importRecord.ts';
import { collectImportFiles } from './importWalk.ts';
import { createInspector, type Inspector } from './inspector.ts';
import { sniffFormat } from './metadata.ts';
import { findImageIdBySha256 } from './transferQueries.ts';
import { linkImported } from './lineageImport.ts';

export { IMPORT_ENDPOINT } from './importRecord.ts';

export interface ImportDeps {
  library: Library;
  db: Database;
  now?: () => number;
  /** Reads each file's structure and metadata off the main thread (default: in-thread, within the same caps). */
  inspector?: Inspector;
}

export type SkipReason =
  | 'duplicate'
  | 'not-an-image'
  | 'symlink'
  | 'not-found'
  | 'not-a-file'
  | 'unreadable'
  | 'too-large'
  /** Not the well-formed file export would need to write it out again (e.g. a PNG without IEND). */
  | 'damaged'
  /** Its metadata took longer or more memory to read than one file may. */
  | 'over-budget';

export type ImportOutcome =
  | { path: string; status: 'imported'; id: string; source: ImportSource }
  | { path: string; status: 'skipped'; reason: SkipReason; existingId?: string }
  | { path: string; status: 'failed'; error: AppErrorPayload };

export interface ImportProgress {
  done: number;
  total: number;
  outcome: ImportOutcome;
}

export interface ImportSummary {
  imported: number;
  skipped: number;
  failed: number;
  items: ImportOutcome[];
}

/** Larger files are not images Lagoon's library takes (ingest caps the pixel count anyway). */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** No follow (a symlink swapped in after the walk is refused), no blocking (a FIFO swapped in cannot hang us). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

type Loaded = { bytes: Buffer; format: ImageFormat } | { skip: SkipReason };

const errorCode = (error: unknown): string | undefined => (error as { code?: unknown } | null)?.code as string | undefined;

/** Reads the magic number first, so a folder full of other files costs one small read each. */
async function loadImage(path: string): Promise<Loaded> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    return { skip: code === 'ELOOP' ? 'symlink' : code === 'ENOENT' ? 'not-found' : 'unreadable' };
  }
  try {
    let info: Stats;
    try {
      info = await handle.stat();
    } catch {
      return { skip: 'unreadable' };
    }
    if (!info.isFile()) return { skip: 'not-a-file' };
    const head = Buffer.alloc(12);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const format = sniffFormat(head.subarray(0, bytesRead));
    if (!format) return { skip: 'not-an-image' };
    if (info.size > MAX_IMPORT_BYTES) return { skip: 'too-large' };
    return { bytes: await handle.readFile(), format };
  } catch {
    return { skip: 'unreadable' };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const toPayload = (error: unknown): AppErrorPayload =>
  isAppError(error) ? error.toPayload() : { code: 'STORAGE_FAILED', message: 'The image could not be added to the library.' };

async function importOne(deps: ImportDeps, path: string): Promise<ImportOutcome> {
  const loaded = await loadImage(path);
  if ('skip' in loaded) return { path, status: 'skipped', reason: loaded.skip };
  return importLoaded(deps, path, basename(path), loaded.bytes, loaded.format);
}

/**
 * One file's bytes, imported like a file called `name` (a file dropped onto the window: the page has its bytes but
 * not its path). `name` only ever becomes text in the record (its stem is the prompt when nothing else says one).
 */
export async function importBytes(deps: ImportDeps, name: string, bytes: Uint8Array): Promise<ImportOutcome> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = sniffFormat(buffer.subarray(0, 12));
  if (!format) return { path: name, status: 'skipped', reason: 'not-an-image' };
  if (buffer.byteLength > MAX_IMPORT_BYTES) return { path: name, status: 'skipped', reason: 'too-large' };
  const fileName = name.split(/[/\\]/u).at(-1) || name;
  return importLoaded(deps, name, fileName, buffer, format);
}

async function importLoaded(deps: ImportDeps, path: string, fileName: string, bytes: Buffer, format: ImageFormat): Promise<ImportOutcome> {
  const inspector = deps.inspector ?? createInspector();
  const inspected = await inspector.inspect({ bytes, format, fileName, importedAt: (deps.now ?? Date.now)() });
  if ('overBudget' in inspected) return { path, status: 'skipped', reason: 'over-budget' };
  const { inspection } = inspected;
  if (!inspection.ok) return { path, status: 'skipped', reason: 'damaged' };
  const existing = findImageIdBySha256(deps.db, inspection.sha256);
  if (existing) return { path, status: 'skipped', reason: 'duplicate', existingId: existing };
  // A copy Lagoon exported differs in bytes (its metadata was added) but is the same image as the original.
  const original = inspection.originalSha256 ? findImageIdBySha256(deps.db, inspection.originalSha256) : null;
  if (original) return { path, status: 'skipped', reason: 'duplicate', existingId: original };
  const { record } = inspection;
  const input: IngestInput = {
    bytes: inspected.bytes,
    ...(inspection.decoderBytes ? { decoderBytes: inspection.decoderBytes } : {}),
    format,
    prompt: record.prompt,
    model: record.model,
    endpoint: record.endpoint,
    request: record.request,
    response: record.response,
    alsoInsert: (db, id) => linkImported(db, id, record),
  };
  try {
    const detail = await deps.library.ingest(input);
    return { path, status: 'imported', id: detail.id, source: record.source };
  } catch (error) {
    return { path, status: 'failed', error: toPayload(error) };
  }
}

/**
 * Imports image files and folders (recursively) into the library, one file at a time: only PNG, JPEG and WebP by
 * their magic numbers, duplicates (same bytes, or a Lagoon export of an image already here) skipped, metadata read
 * from Lagoon's XMP, A1111 parameters or ComfyUI graphs. A bad file is reported and the rest go on.
 */
export async function importPaths(deps: ImportDeps, paths: readonly string[], onProgress?: (progress: ImportProgress) => void): Promise<ImportSummary> {
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) throw new AppError('INVALID_INPUT', 'Give the files or folders to import by their full paths.');
  const entries = await collectImportFiles(paths);
  const summary: ImportSummary = { imported: 0, skipped: 0, failed: 0, items: [] };
  for (const [index, entry] of entries.entries()) {
    const outcome: ImportOutcome = entry.kind === 'file' ? await importOne(deps, entry.path) : { path: entry.path, status: 'skipped', reason: entry.reason };
    summary.items.push(outcome);
    if (outcome.status === 'imported') summary.imported++;
    else if (outcome.status === 'skipped') summary.skipped++;
    else summary.failed++;
    onProgress?.({ done: index + 1, total: entries.length, outcome });
  }
  return summary;
}

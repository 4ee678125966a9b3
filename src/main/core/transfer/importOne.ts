import { constants, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { type AppErrorPayload, isAppError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import type { Library, StagedImage } from '../library/library.ts';
import type { ImportSource } from './importRecord.ts';
import type { Inspector } from './inspector.ts';
import { linkImported } from './lineageImport.ts';
import { sniffFormat } from './metadata.ts';
import { findImageIdBySha256 } from './transferQueries.ts';

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

export interface PrepareDeps {
  library: Library;
  db: Database;
  now: () => number;
  inspector: Inspector;
  /**
   * The content of files being imported right now, by sha256, until their rows commit (then the new id, or null if
   * it failed): two copies of one image in the same import must not both become new images.
   */
  inFlight: Map<string, Promise<string | null>>;
}

/** Larger files are not images Lagoon's library takes (ingest caps the pixel count anyway). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** No follow (a symlink swapped in after the walk is refused), no blocking (a FIFO swapped in cannot hang us). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

type Loaded = { bytes: Buffer; format: ImageFormat } | { skip: SkipReason };

const errorCode = (error: unknown): string | undefined => (error as { code?: unknown } | null)?.code as string | undefined;

/** Reads the magic number first, so a folder full of other files costs one small read each. */
export async function loadImage(path: string): Promise<Loaded> {
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

export const toPayload = (error: unknown): AppErrorPayload =>
  isAppError(error) ? error.toPayload() : { code: 'STORAGE_FAILED', message: 'The image could not be added to the library.' };

/** Waits for another file of this import with the same content; its new id, or null when there is none (or it failed). */
const inFlightId = async (deps: PrepareDeps, sha256: string | null): Promise<string | null> => {
  for (let pending = sha256 && deps.inFlight.get(sha256); pending; pending = deps.inFlight.get(sha256!)) {
    const id = await pending;
    if (id) return id;
  }
  return null;
};

/**
 * The id already holding this content (in the library, or just imported by another file of this import), or else
 * the content is claimed for this file: `release` must be called with its new id once committed, or null.
 */
const claimContent = async (deps: PrepareDeps, sha256: string, originalSha256: string | null): Promise<{ existing: string } | { release: (id: string | null) => void }> => {
  for (;;) {
    const waited = (await inFlightId(deps, sha256)) ?? (await inFlightId(deps, originalSha256));
    if (waited) return { existing: waited };
    // From here to the claim nothing awaits, so no other file can claim the same content in between.
    if (!deps.inFlight.has(sha256) && !(originalSha256 && deps.inFlight.has(originalSha256))) break;
  }
  // A copy Lagoon exported differs in bytes (its metadata was added) but is the same image as the original.
  const existing = findImageIdBySha256(deps.db, sha256) ?? (originalSha256 ? findImageIdBySha256(deps.db, originalSha256) : null);
  if (existing) return { existing };
  let settle!: (id: string | null) => void;
  deps.inFlight.set(sha256, new Promise((resolve) => (settle = resolve)));
  return {
    release: (id) => {
      deps.inFlight.delete(sha256);
      settle(id);
    },
  };
};

/** A file ready for its row: its files are durably written; `release` tells same-content files the outcome. */
export type Prepared = { staged: StagedImage; source: ImportSource; release: (id: string | null) => void } | { outcome: ImportOutcome };

/**
 * One file's bytes up to its staged files: metadata inspected and the image rendered on the inspector's workers,
 * duplicates (same bytes, or a Lagoon export of an image already here) skipped before anything is decoded.
 */
export async function prepareImport(deps: PrepareDeps, path: string, fileName: string, bytes: Buffer, format: ImageFormat): Promise<Prepared> {
  const inspected = await deps.inspector.inspect({ bytes, format, fileName, importedAt: deps.now() });
  if ('overBudget' in inspected) return { outcome: { path, status: 'skipped', reason: 'over-budget' } };
  const { inspection } = inspected;
  if (!inspection.ok) return { outcome: { path, status: 'skipped', reason: 'damaged' } };
  const { sha256, record } = inspection;
  const claim = await claimContent(deps, sha256, inspection.originalSha256);
  if ('existing' in claim) return { outcome: { path, status: 'skipped', reason: 'duplicate', existingId: claim.existing } };
  const failed = (outcome: ImportOutcome): Prepared => {
    claim.release(null);
    return { outcome };
  };
  // Whatever happens from here, the claim is released: another file with the same content waits on it.
  try {
    const rendered = await deps.inspector.render(inspection.decoderBytes ?? inspected.bytes, format);
    if ('overBudget' in rendered) return failed({ path, status: 'skipped', reason: 'over-budget' });
    if ('error' in rendered) return failed({ path, status: 'failed', error: rendered.error });
    // The render took the bytes to the worker and back: the stored file is what came back, unless a decoder copy went.
    const stored = inspection.decoderBytes ? inspected.bytes : rendered.bytes;
    const staged = await deps.library.stage({
      bytes: stored,
      format,
      prepared: { ...rendered.rendered, sha256 },
      prompt: record.prompt,
      model: record.model,
      endpoint: record.endpoint,
      request: record.request,
      response: record.response,
      alsoInsert: (db, id) => linkImported(db, id, record),
    });
    return { staged, source: record.source, release: claim.release };
  } catch (error) {
    return failed({ path, status: 'failed', error: toPayload(error) });
  }
}

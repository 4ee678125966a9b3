import { lstat, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { MediaKind } from '../../../shared/app.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ImageEndpoint, ImageFormat } from '../../../shared/veniceFacts.ts';
import { type AtomicWriteHooks, ensureDirectory, writeFileAtomic } from './atomicFile.ts';
import { assertNoCredentials } from './credentialGuard.ts';
import { isImageId } from './imageId.ts';
import { getImageRow, type ImageRow, insertImage } from './imageQueries.ts';
import { mediaName, thumbName } from './mediaNames.ts';
import { type PreparedImage, renderImage, sha256Of } from './renderImage.ts';

export interface IngestInput {
  bytes: Buffer;
  /**
   * The same image for the decoder when it must not see all of `bytes` (an import's PNG without its text chunks,
   * which libvips would inflate in full); the stored file is always `bytes`.
   */
  decoderBytes?: Buffer;
  /** Size, thumbnail, placeholder and hash already made from these bytes by renderImage (an import's worker did). */
  prepared?: PreparedImage;
  format: ImageFormat;
  prompt: string;
  model: string;
  endpoint: ImageEndpoint;
  /** The exact body sent to Venice. */
  request: Record<string, unknown>;
  /** created, durationMs, selected headers. */
  response: Record<string, unknown>;
  /** The queue job that made it (variants of one request share it); absent for imports. */
  jobId?: string | null;
  /** Venice blurred it (x-venice-is-blurred). */
  blurred?: boolean;
  /** Catalogue price of this image in USD, when known. */
  priceUsd?: number | null;
  /** Rows that belong to the image (its lineage), written in the same transaction as the image's own row. */
  alsoInsert?: (db: Database, id: string) => void;
}

/**
 * Test seams for the failure points between validating an image and committing its row, in the order they run
 * (image file, then thumbnail file, then the row). The crash tests kill the process inside each one.
 */
export interface LibraryHooks {
  beforeSync?: (info: { kind: MediaKind; tempPath: string }) => void | Promise<void>;
  beforeRename?: (info: { kind: MediaKind; tempPath: string }) => void | Promise<void>;
  /** After the rename, before the directory fsync. */
  afterRename?: (info: { kind: MediaKind; path: string }) => void | Promise<void>;
  /** After the file and its directory entry are durable. */
  afterWrite?: (info: { kind: MediaKind; path: string }) => void | Promise<void>;
  beforeInsert?: () => void | Promise<void>;
}

/** An image whose files are durably written and whose row is not committed yet (see commitStaged). */
export interface StagedImage {
  readonly row: ImageRow;
  readonly alsoInsert: ((db: Database, id: string) => void) | undefined;
  /** The files this stage created, removed again if the row never commits. */
  readonly files: readonly string[];
}

export interface StageDeps {
  db: Database;
  dataDir: string;
  now: () => number;
  newId: () => string;
  hooks: LibraryHooks;
}

/** Binds the library's per-kind hooks to one file's atomic write. */
const atomicHooks = (hooks: LibraryHooks, kind: MediaKind): AtomicWriteHooks => {
  const { beforeSync, beforeRename, afterRename } = hooks;
  return {
    ...(beforeSync ? { beforeSync: (tempPath: string) => beforeSync({ kind, tempPath }) } : {}),
    ...(beforeRename ? { beforeRename: (tempPath: string) => beforeRename({ kind, tempPath }) } : {}),
    ...(afterRename ? { afterRename: (path: string) => afterRename({ kind, path }) } : {}),
  };
};

const exists = async (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const storageFailed = (cause: unknown): AppError => {
  const reason = errorCode(cause);
  return new AppError(
    'STORAGE_FAILED',
    'The image could not be saved to the library. Check that the disk has free space and the data folder is writable.',
    reason ? { reason } : undefined,
    { cause },
  );
};

export const asStorageError = (error: unknown): AppError => (error instanceof AppError ? error : storageFailed(error));

/** The records are stored as JSON text; anything that does not survive JSON (BigInt, cycles) is a caller bug. */
const toJson = (value: Record<string, unknown>, what: string): string => {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (cause) {
    throw new AppError('INTERNAL', `The ${what} record cannot be stored as JSON.`, undefined, { cause });
  }
  if (typeof json !== 'string' || !json.startsWith('{')) throw new AppError('INTERNAL', `The ${what} record must be an object.`);
  return json;
};

const duplicateId = (): Error => Object.assign(new Error('An image with this id already exists.'), { code: 'DUPLICATE_ID' });

const rowOf = async (deps: StageDeps, input: IngestInput): Promise<{ row: ImageRow; thumbnail: Buffer }> => {
  // Everything that can reject the input runs before the first byte is written.
  assertNoCredentials(input.request, 'request');
  assertNoCredentials(input.response, 'response');
  const requestJson = toJson(input.request, 'request');
  const responseJson = toJson(input.response, 'response');
  const prepared = input.prepared ?? { ...(await renderImage(input.decoderBytes ?? input.bytes, input.format)), sha256: sha256Of(input.bytes) };
  const id = deps.newId();
  if (!isImageId(id)) throw new AppError('INTERNAL', 'Generated image id is not a UUID.');
  const row: ImageRow = {
    id,
    createdAt: deps.now(),
    prompt: input.prompt,
    model: input.model,
    endpoint: input.endpoint,
    requestJson,
    responseJson,
    format: input.format,
    width: prepared.width,
    height: prepared.height,
    byteSize: input.bytes.byteLength,
    sha256: prepared.sha256,
    fileName: mediaName('image', { id, format: input.format }),
    thumbName: thumbName(id),
    jobId: input.jobId ?? null,
    blurred: input.blurred ? 1 : 0,
    priceUsd: input.priceUsd ?? null,
    placeholder: prepared.placeholder,
  };
  return { row, thumbnail: prepared.thumbnail };
};

/**
 * Checks the input, makes its thumbnail (unless prepared) and writes the image and thumbnail files durably, each by
 * temp name, fsync and rename. Nothing is left behind when it throws.
 */
export async function stageImage(deps: StageDeps, input: IngestInput): Promise<StagedImage> {
  const { row, thumbnail } = await rowOf(deps, input);
  const absolute = (relative: string): string => join(deps.dataDir, ...relative.split('/'));
  const files: Array<{ kind: MediaKind; path: string; bytes: Uint8Array }> = [
    { kind: 'image', path: absolute(row.fileName), bytes: input.bytes },
    { kind: 'thumb', path: absolute(row.thumbName), bytes: thumbnail },
  ];
  const created: string[] = [];
  try {
    // Only files this call created are ever removed on failure, so an id collision must stop before any write.
    if (getImageRow(deps.db, row.id)) throw duplicateId();
    for (const file of files) if (await exists(file.path)) throw duplicateId();
    for (const file of files) {
      await ensureDirectory(dirname(file.path));
      // Recorded before writing: if the write fails after its rename, the final file must still be cleaned up.
      created.push(file.path);
      await writeFileAtomic(file.path, file.bytes, atomicHooks(deps.hooks, file.kind));
      await deps.hooks.afterWrite?.({ kind: file.kind, path: file.path });
    }
  } catch (error) {
    await discardStaged({ files: created });
    throw asStorageError(error);
  }
  return { row, alsoInsert: input.alsoInsert, files: created };
}

/** Commits the rows of staged images in one transaction: one fsync for the lot. Throws (and keeps the files) on failure. */
export function commitStaged(db: Database, staged: readonly StagedImage[]): void {
  try {
    db.transaction(() => {
      for (const { row, alsoInsert } of staged) {
        insertImage(db, row);
        alsoInsert?.(db, row.id);
      }
    }).immediate();
  } catch (error) {
    throw asStorageError(error);
  }
}

/** Removes a staged image's files (its row never committed). */
export async function discardStaged(staged: Pick<StagedImage, 'files'>): Promise<void> {
  for (const path of staged.files.toReversed()) await rm(path, { force: true }).catch(() => undefined);
}

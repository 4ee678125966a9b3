import { createHash, randomUUID } from 'node:crypto';
import { lstat, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { MediaKind } from '../../../shared/app.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ImageDetail, ImagePage } from '../../../shared/ipc/schemas/images.ts';
import type { ImageQuery, SearchPage, Timeline } from '../../../shared/ipc/schemas/library.ts';
import type { ImageEndpoint, ImageFormat } from '../../../shared/veniceFacts.ts';
import { type AtomicWriteHooks, ensureDirectory, writeFileAtomic } from './atomicFile.ts';
import { assertNoCredentials } from './credentialGuard.ts';
import { readLineage, type Lineage } from '../iterate/lineageStore.ts';
import { isImageId } from './imageId.ts';
import { toDetail } from './imageMapping.ts';
import { getImageCollections, getImageRow, getImageTags, getSetting, type ImageRow, insertImage, setSetting } from './imageQueries.ts';
import { MEDIA_DIRS, mediaName } from './mediaNames.ts';
import { probeImage } from './probeImage.ts';
import { countImages, searchImages } from './search/searchImages.ts';
import { type SeekResult, seekPosition } from './search/seekPosition.ts';
import { timeline } from './search/timeline.ts';
import { placeholderOf } from './placeholders/placeholder.ts';
import { makeThumbnail } from './thumbnails.ts';

export interface IngestInput {
  bytes: Buffer;
  /**
   * The same image for the decoder when it must not see all of `bytes` (an import's PNG without its text chunks,
   * which libvips would inflate in full); the stored file is always `bytes`.
   */
  decoderBytes?: Buffer;
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

export interface Library {
  /** Resolves only once the image, its thumbnail and its row are all durably stored; otherwise nothing is left behind. */
  ingest(input: IngestInput): Promise<ImageDetail>;
  /** The live library, newest first (the grid before any search): `search` with an empty query. */
  list(opts: { cursor?: string | null; limit?: number }): ImagePage;
  /** Words, filters and sort combined, one keyset page at a time, with the matched words of each prompt. */
  search(query: ImageQuery, opts?: { cursor?: string | null; limit?: number }): SearchPage;
  count(query: ImageQuery): number;
  /** The cursor of the page starting at `offset` in the query's order, without walking the pages before it. */
  seek(query: ImageQuery, offset: number): SeekResult;
  timeline(query: ImageQuery): Timeline;
  get(id: string): ImageDetail | null;
  /** Absolute path of the image or thumbnail file, or null for an unknown id. */
  mediaPath(kind: MediaKind, id: string): string | null;
  /** The folder every `mediaPath(kind, …)` lies in; whoever serves a file checks its realpath against this. */
  mediaRoot(kind: MediaKind): string;
  /** Where the image came from and what was made from it (lineage, migration 0009). */
  lineage(id: string): Lineage;
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): void;
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

export interface LibraryDeps {
  db: Database;
  dataDir: string;
  now?: () => number;
  newId?: () => string;
  hooks?: LibraryHooks;
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

export function createLibrary(deps: LibraryDeps): Library {
  const { db, dataDir, hooks = {} } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const absolute = (relative: string): string => join(dataDir, ...relative.split('/'));

  const ingest = async (input: IngestInput): Promise<ImageDetail> => {
    // Everything that can reject the input runs before the first byte is written.
    assertNoCredentials(input.request, 'request');
    assertNoCredentials(input.response, 'response');
    const requestJson = toJson(input.request, 'request');
    const responseJson = toJson(input.response, 'response');
    const decoderBytes = input.decoderBytes ?? input.bytes;
    const { width, height } = await probeImage(decoderBytes, input.format);
    let thumbnail: Buffer;
    try {
      thumbnail = await makeThumbnail(decoderBytes);
    } catch (cause) {
      throw new AppError('INVALID_RESPONSE', 'The image received could not be decoded.', undefined, { cause });
    }
    const placeholder = await placeholderOf(thumbnail);
    const id = newId();
    if (!isImageId(id)) throw new AppError('INTERNAL', 'Generated image id is not a UUID.');
    const row: ImageRow = {
      id,
      createdAt: now(),
      prompt: input.prompt,
      model: input.model,
      endpoint: input.endpoint,
      requestJson,
      responseJson,
      format: input.format,
      width,
      height,
      byteSize: input.bytes.byteLength,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      fileName: mediaName('image', { id, format: input.format }),
      thumbName: mediaName('thumb', { id, format: input.format }),
      jobId: input.jobId ?? null,
      blurred: input.blurred ? 1 : 0,
      priceUsd: input.priceUsd ?? null,
      placeholder,
    };
    const files: Array<{ kind: MediaKind; path: string; bytes: Uint8Array }> = [
      { kind: 'image', path: absolute(row.fileName), bytes: input.bytes },
      { kind: 'thumb', path: absolute(row.thumbName), bytes: thumbnail },
    ];
    const created: string[] = [];
    try {
      // Only files this call created are ever removed on failure, so an id collision must stop before any write.
      if (getImageRow(db, id)) throw duplicateId();
      for (const file of files) if (await exists(file.path)) throw duplicateId();
      for (const file of files) {
        await ensureDirectory(dirname(file.path));
        // Recorded before writing: if the write fails after its rename, the final file must still be cleaned up.
        created.push(file.path);
        await writeFileAtomic(file.path, file.bytes, atomicHooks(hooks, file.kind));
        await hooks.afterWrite?.({ kind: file.kind, path: file.path });
      }
      await hooks.beforeInsert?.();
      db.transaction(() => {
        insertImage(db, row);
        input.alsoInsert?.(db, row.id);
      }).immediate();
    } catch (error) {
      for (const path of created.toReversed()) await rm(path, { force: true }).catch(() => undefined);
      throw error instanceof AppError ? error : storageFailed(error);
    }
    const stored = get(id);
    if (!stored) throw new AppError('INTERNAL', 'The stored image could not be read back.');
    return stored;
  };

  const list = (opts: { cursor?: string | null; limit?: number }): ImagePage => {
    // searchImages checks the page size (IMAGE_PAGE).
    const { items, nextCursor } = searchImages(db, {}, { cursor: opts.cursor ?? null, ...(opts.limit === undefined ? {} : { limit: opts.limit }) });
    return { items, nextCursor };
  };

  const get = (id: string): ImageDetail | null => {
    if (!isImageId(id)) return null;
    const row = getImageRow(db, id);
    return row ? toDetail(row, getImageTags(db, id), getImageCollections(db, id)) : null;
  };

  const mediaPath = (kind: MediaKind, id: string): string | null => {
    if (!isImageId(id)) return null;
    const row = getImageRow(db, id);
    if (!row) return null;
    // The stored name is trusted only if it is exactly what we would have written: an edited row cannot point elsewhere.
    const stored = kind === 'image' ? row.fileName : row.thumbName;
    return stored === mediaName(kind, row) ? absolute(stored) : null;
  };

  return {
    ingest,
    list,
    search: (query, opts = {}) => searchImages(db, query, opts),
    count: (query) => countImages(db, query),
    seek: (query, offset) => seekPosition(db, query, offset),
    timeline: (query) => timeline(db, query),
    get,
    mediaPath,
    mediaRoot: (kind) => join(dataDir, MEDIA_DIRS[kind]),
    lineage: (id) => readLineage(db, id),
    getSetting: (key) => getSetting(db, key),
    setSetting: (key, value) => setSetting(db, key, value),
  };
}

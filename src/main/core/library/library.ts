import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { MediaKind } from '../../../shared/app.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ImageDetail, ImagePage } from '../../../shared/ipc/schemas/images.ts';
import type { ImageQuery, SearchPage, Timeline } from '../../../shared/ipc/schemas/library.ts';
import { readLineage, type Lineage } from '../iterate/lineageStore.ts';
import { isImageId } from './imageId.ts';
import { toDetail } from './imageMapping.ts';
import { getImageCollections, getImageRow, getImageTags, getSetting, setSetting } from './imageQueries.ts';
import { asStorageError, commitStaged, discardStaged, type IngestInput, type LibraryHooks, stageImage, type StagedImage } from './ingest.ts';
import { MEDIA_DIRS, mediaName, thumbName } from './mediaNames.ts';
import { countImages, searchImages } from './search/searchImages.ts';
import { type SeekResult, seekPosition } from './search/seekPosition.ts';
import { timeline } from './search/timeline.ts';

export type { IngestInput, LibraryHooks, StagedImage } from './ingest.ts';

export interface Library {
  /** Resolves only once the image, its thumbnail and its row are all durably stored; otherwise nothing is left behind. */
  ingest(input: IngestInput): Promise<ImageDetail>;
  /** The files of ingest, durably written, without the row: many staged images then commit in one transaction. */
  stage(input: IngestInput): Promise<StagedImage>;
  /** Commits staged rows in one transaction (throws and keeps their files on failure: retry one by one or discard). */
  commitStaged(staged: readonly StagedImage[]): Promise<void>;
  discardStaged(staged: StagedImage): Promise<void>;
  /** The live library, newest first (the grid before any search): `search` with an empty query. */
  list(opts: { cursor?: string | null; limit?: number }): ImagePage;
  /** Words, filters and sort combined, one keyset page at a time, with the matched words of each prompt. */
  search(query: ImageQuery, opts?: { cursor?: string | null; limit?: number }): SearchPage;
  count(query: ImageQuery): number;
  /** The cursor of the page starting at `offset` in the query's order, without walking the pages before it. */
  seek(query: ImageQuery, offset: number): SeekResult;
  timeline(query: ImageQuery): Timeline;
  get(id: string): ImageDetail | null;
  /**
   * Absolute path of the image file (null for an unknown image), or of the thumbnail, named by the id alone (the file
   * may be gone: whoever serves it finds out). Null for anything that is not an image id.
   */
  mediaPath(kind: MediaKind, id: string): string | null;
  /** The folder every `mediaPath(kind, …)` lies in; whoever serves a file checks its realpath against this. */
  mediaRoot(kind: MediaKind): string;
  /** Where the image came from and what was made from it (lineage, migration 0009). */
  lineage(id: string): Lineage;
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): void;
}

export interface LibraryDeps {
  db: Database;
  dataDir: string;
  now?: () => number;
  newId?: () => string;
  hooks?: LibraryHooks;
}

export function createLibrary(deps: LibraryDeps): Library {
  const { db, dataDir, hooks = {} } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const absolute = (relative: string): string => join(dataDir, ...relative.split('/'));

  const stageDeps = { db, dataDir, now, newId, hooks };

  const ingest = async (input: IngestInput): Promise<ImageDetail> => {
    const staged = await stageImage(stageDeps, input);
    try {
      await hooks.beforeInsert?.();
      commitStaged(db, [staged]);
    } catch (error) {
      await discardStaged(staged);
      throw asStorageError(error);
    }
    const stored = get(staged.row.id);
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
    // The grid asks for dozens of thumbnails at once: with a cold cache, reading each one's row would be a random disk
    // read on the main thread (66–78 ms for 120 of them), for a name that the id alone decides.
    if (kind === 'thumb') return absolute(thumbName(id));
    const row = getImageRow(db, id);
    if (!row) return null;
    // The stored name is trusted only if it is exactly what we would have written: an edited row cannot point elsewhere.
    return row.fileName === mediaName('image', row) ? absolute(row.fileName) : null;
  };

  return {
    ingest,
    stage: (input) => stageImage(stageDeps, input),
    async commitStaged(staged) {
      await hooks.beforeInsert?.();
      commitStaged(db, staged);
    },
    discardStaged,
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

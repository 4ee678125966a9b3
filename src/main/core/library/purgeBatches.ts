import type { Database } from 'better-sqlite3';
import type { ImageFormat } from '../../../shared/venice.ts';
import { prepared } from '../db/statements.ts';
import { mediaName } from './mediaNames.ts';
import { isMediaName, type PurgeRecord, recordPendingPurge } from './pendingPurges.ts';

/**
 * Which trashed images a purge takes, a batch at a time, and the one transaction per batch that deletes their rows
 * and records their files (trash.ts then removes the files, after the commit).
 */

/** Exported so the tests can assert it is served by the `images_trashed` partial index, whatever the library's size. */
export const PURGE_CANDIDATES_SQL = `SELECT id, format, file_name AS fileName, thumb_name AS thumbName FROM images
  WHERE trashed_at IS NOT NULL AND trashed_at <= ? ORDER BY trashed_at LIMIT ?`;
const TRASHED_BY_ID_SQL = 'SELECT id, format, file_name AS fileName, thumb_name AS thumbName FROM images WHERE id = ? AND trashed_at IS NOT NULL';
// The trashed_at condition is repeated: an image restored after it was selected must survive the delete.
const DELETE_TRASHED_SQL = 'DELETE FROM images WHERE id = ? AND trashed_at IS NOT NULL AND trashed_at <= ?';

interface Candidate {
  id: string;
  format: ImageFormat;
  fileName: string;
  thumbName: string;
}

/** The next batch of images to purge, read inside the batch's transaction; `more` is false after the last one. */
export type BatchSource = () => { candidates: Candidate[]; more: boolean };

export interface DeletedBatch {
  ids: string[];
  /** The files to remove, recorded in the same transaction; null when no row was deleted. */
  record: PurgeRecord | null;
  more: boolean;
}

/** Every image trashed up to `cutoff`, oldest first, a batch at a time. */
export const trashedUpTo = (db: Database, cutoff: number, batchSize: number): BatchSource => {
  const select = prepared(db, PURGE_CANDIDATES_SQL);
  return () => {
    const candidates = select.all(cutoff, batchSize) as Candidate[];
    return { candidates, more: candidates.length === batchSize };
  };
};

/** The trashed ones among `ids`, a batch at a time. */
export const trashedAmong = (db: Database, ids: readonly string[], batchSize: number): BatchSource => {
  const select = prepared(db, TRASHED_BY_ID_SQL);
  const unique = [...new Set(ids)];
  let next = 0;
  return () => {
    const chunk = unique.slice(next, (next += batchSize));
    return { candidates: chunk.flatMap((id) => (select.get(id) as Candidate | undefined) ?? []), more: next < unique.length };
  };
};

/** Deletes one batch of rows and records their files in the same transaction; returns what was deleted. */
export const deleteBatch = (db: Database, source: BatchSource, cutoff: number): DeletedBatch => {
  const remove = prepared(db, DELETE_TRASHED_SQL);
  return db.transaction(() => {
    const { candidates, more } = source();
    const ids: string[] = [];
    const names: string[] = [];
    for (const row of candidates) {
      if (remove.run(row.id, cutoff).changes !== 1) continue;
      ids.push(row.id);
      // A stored name that is not exactly what ingest writes is not ours to unlink (see Library.mediaPath).
      if (row.fileName === mediaName('image', row)) names.push(row.fileName);
      if (row.thumbName === mediaName('thumb', row)) names.push(row.thumbName);
    }
    const record = ids.length > 0 ? { key: recordPendingPurge(db, names), names: names.filter(isMediaName) } : null;
    return { ids, record, more };
  }).immediate();
};

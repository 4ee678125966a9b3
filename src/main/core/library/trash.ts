import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import type { EventBus } from '../events/eventBus.ts';
import { removeDragCopies } from './dragCopyFiles.ts';
import { mediaName } from './mediaNames.ts';
import { completePurge, isMediaName, listPendingPurges, type PurgeRecord, recordPendingPurge, type UnlinkHook } from './pendingPurges.ts';
import { prepared } from '../db/statements.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_BATCH = 500;

/** Exported so the tests can assert it is served by the `images_trashed` partial index, whatever the library's size. */
export const PURGE_CANDIDATES_SQL = `SELECT id, format, file_name AS fileName, thumb_name AS thumbName FROM images
  WHERE trashed_at IS NOT NULL AND trashed_at <= ? ORDER BY trashed_at LIMIT ?`;
const TRASHED_BY_ID_SQL = 'SELECT id, format, file_name AS fileName, thumb_name AS thumbName FROM images WHERE id = ? AND trashed_at IS NOT NULL';
// The trashed_at condition is repeated: an image restored after it was selected must survive the delete.
const DELETE_TRASHED_SQL = 'DELETE FROM images WHERE id = ? AND trashed_at IS NOT NULL AND trashed_at <= ?';
const TRASH_SQL = 'UPDATE images SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL';
const RESTORE_SQL = 'UPDATE images SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL';

/** Seams for the crash tests, in the order a purge runs them. */
export interface TrashHooks {
  /** The batch's rows are deleted and its files recorded, committed; no file is touched yet. */
  afterPurgeCommit?: (ids: readonly string[]) => void | Promise<void>;
  /** One file of a purged image was removed (or was already gone). */
  afterUnlink?: UnlinkHook;
  /** Every file of the batch is gone; the record of them is not yet forgotten. */
  beforeForget?: () => void | Promise<void>;
}

export interface TrashDeps {
  db: Database;
  dataDir: string;
  events?: EventBus;
  now?: () => number;
  hooks?: TrashHooks;
  /** Rows deleted per transaction (tests make it small to exercise several batches). */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface Trash {
  /** Moves live images to the trash; returns the ids that moved (unknown or already trashed ids are left alone). */
  trash(ids: readonly string[]): string[];
  /** Brings trashed images back; returns the ids that came back. */
  restore(ids: readonly string[]): string[];
  /** Purges every image in the trash: row, then file and thumbnail. Returns how many were purged. */
  empty(): Promise<number>;
  /** Purges images trashed more than `retentionDays` ago. */
  purgeExpired(retentionDays: number): Promise<number>;
  /** Purges these images now ("delete forever"): only those in the trash; live or unknown ids are left alone. */
  purge(ids: readonly string[]): Promise<number>;
  /** Removes the files of purges a crash interrupted; run at start, before the library sweep. Never throws. */
  finishPendingPurges(): Promise<{ removed: number; problems: string[] }>;
}

interface Candidate {
  id: string;
  format: ImageFormat;
  fileName: string;
  thumbName: string;
}

/** The next batch of images to purge, read inside the batch's transaction; `more` is false after the last one. */
type BatchSource = () => { candidates: Candidate[]; more: boolean };

const storageFailed = (cause: unknown): AppError =>
  new AppError('STORAGE_FAILED', 'The library could not be changed. Check that the disk has free space, then try again.', undefined, { cause });

export function createTrash(deps: TrashDeps): Trash {
  const { db, dataDir, hooks = {} } = deps;
  const now = deps.now ?? Date.now;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH;
  const log = deps.log ?? console.error;
  // One purge at a time (the hourly one and "empty trash" may meet); trash and restore are single transactions.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };

  const update = (sql: string, ids: readonly string[], ...leading: number[]): string[] => {
    const statement = prepared(db, sql);
    try {
      return db.transaction(() => ids.filter((id) => statement.run(...leading, id).changes === 1)).immediate();
    } catch (cause) {
      throw storageFailed(cause);
    }
  };

  const emit = (reason: 'removed' | 'updated', ids: string[]): void => {
    if (ids.length > 0) deps.events?.emit('images.changed', { reason, ids });
  };

  /** Every image trashed up to `cutoff`, oldest first, a batch at a time. */
  const trashedUpTo = (cutoff: number): BatchSource => {
    const select = prepared(db, PURGE_CANDIDATES_SQL);
    return () => {
      const candidates = select.all(cutoff, batchSize) as Candidate[];
      return { candidates, more: candidates.length === batchSize };
    };
  };

  /** The trashed ones among `ids`, a batch at a time. */
  const trashedAmong = (ids: readonly string[]): BatchSource => {
    const select = prepared(db, TRASHED_BY_ID_SQL);
    const unique = [...new Set(ids)];
    let next = 0;
    return () => {
      const chunk = unique.slice(next, (next += batchSize));
      return { candidates: chunk.flatMap((id) => (select.get(id) as Candidate | undefined) ?? []), more: next < unique.length };
    };
  };

  /** Deletes one batch of rows and records their files in the same transaction; returns what was deleted. */
  const deleteBatch = (source: BatchSource, cutoff: number): { ids: string[]; record: PurgeRecord | null; more: boolean } => {
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

  /** Purges batch after batch from `source` (made inside the serial task, so it sees the trash as it is then). */
  const purgeFrom = (makeSource: () => BatchSource, cutoff = Number.MAX_SAFE_INTEGER): Promise<number> =>
    serial(async () => {
      let purged = 0;
      let source: BatchSource | undefined;
      for (;;) {
        let batch: ReturnType<typeof deleteBatch>;
        try {
          source ??= makeSource();
          batch = deleteBatch(source, cutoff);
        } catch (cause) {
          throw storageFailed(cause);
        }
        if (batch.record !== null) {
          await hooks.afterPurgeCommit?.(batch.ids);
          // The rows are gone either way; if this fails, the record stays and the next start finishes the files.
          const done = await completePurge(db, dataDir, batch.record, {
            ...(hooks.afterUnlink ? { afterUnlink: hooks.afterUnlink } : {}),
            ...(hooks.beforeForget ? { beforeForget: hooks.beforeForget } : {}),
          }).catch((cause: unknown) => {
            emit('removed', batch.ids);
            throw storageFailed(cause);
          });
          if (done.problems.length > 0) log(`[trash] purge left files to retry at next start: ${done.problems.slice(0, 5).join(', ')}`);
          // Derived copies go too; one left by a failure or crash here is removed by the start-up drag sweep.
          await removeDragCopies(dataDir, batch.ids).catch((cause: unknown) => log(`[trash] drag copies left for the start-up sweep: ${(cause as { code?: string } | null)?.code ?? 'error'}`));
          purged += batch.ids.length;
          emit('removed', batch.ids);
        }
        if (!batch.more) return purged;
      }
    });

  return {
    trash(ids) {
      const moved = update(TRASH_SQL, ids, now());
      emit('updated', moved);
      return moved;
    },
    restore(ids) {
      const back = update(RESTORE_SQL, ids);
      emit('updated', back);
      return back;
    },
    empty: () => purgeFrom(() => trashedUpTo(Number.MAX_SAFE_INTEGER)),
    purgeExpired: (retentionDays) => {
      const cutoff = now() - retentionDays * DAY_MS;
      return purgeFrom(() => trashedUpTo(cutoff), cutoff);
    },
    purge: (ids) => purgeFrom(() => trashedAmong(ids)),
    finishPendingPurges: () =>
      serial(async () => {
        const result = { removed: 0, problems: [] as string[] };
        try {
          for (const record of listPendingPurges(db)) {
            const done = await completePurge(db, dataDir, record);
            result.removed += done.removed;
            result.problems.push(...done.problems);
          }
        } catch (error) {
          result.problems.push(`pending purges: ${(error as { code?: string } | null)?.code ?? String(error).slice(0, 200)}`);
        }
        return result;
      }),
  };
}

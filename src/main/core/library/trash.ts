import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { EventBus } from '../events/eventBus.ts';
import { removeDragCopies } from './dragCopyFiles.ts';
import { completePurge, listPendingPurges, type PurgeRecord, type UnlinkHook } from './pendingPurges.ts';
import { type BatchSource, deleteBatch, trashedAmong, trashedUpTo } from './purgeBatches.ts';
import { prepared } from '../db/statements.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_BATCH = 500;

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

const storageFailed = (cause: unknown): AppError =>
  new AppError('STORAGE_FAILED', 'The library could not be changed. Check that the disk has free space, then try again.', undefined, { cause });

/**
 * Removes the files of a batch whose rows are deleted and committed. The rows are gone either way: if this fails, the
 * record stays and the next start finishes the files.
 */
const removeBatchFiles = async (
  ctx: { db: Database; dataDir: string; hooks: TrashHooks; log: (line: string) => void },
  ids: string[],
  record: PurgeRecord,
): Promise<void> => {
  const { db, dataDir, hooks, log } = ctx;
  await hooks.afterPurgeCommit?.(ids);
  const done = await completePurge(db, dataDir, record, {
    ...(hooks.afterUnlink ? { afterUnlink: hooks.afterUnlink } : {}),
    ...(hooks.beforeForget ? { beforeForget: hooks.beforeForget } : {}),
  }).catch((cause: unknown) => {
    throw storageFailed(cause);
  });
  if (done.problems.length > 0) log(`[trash] purge left files to retry at next start: ${done.problems.slice(0, 5).join(', ')}`);
  // Derived copies go too; one left by a failure or crash here is removed by the start-up drag sweep.
  await removeDragCopies(dataDir, ids).catch((cause: unknown) => log(`[trash] drag copies left for the start-up sweep: ${(cause as { code?: string } | null)?.code ?? 'error'}`));
};

/** The files of purges a crash interrupted (see Trash.finishPendingPurges). */
const finishPending = async (db: Database, dataDir: string): Promise<{ removed: number; problems: string[] }> => {
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
};

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

  /** Purges batch after batch from `source` (made inside the serial task, so it sees the trash as it is then). */
  const purgeFrom = (makeSource: () => BatchSource, cutoff = Number.MAX_SAFE_INTEGER): Promise<number> =>
    serial(async () => {
      let purged = 0;
      let source: BatchSource | undefined;
      for (;;) {
        let batch: ReturnType<typeof deleteBatch>;
        try {
          source ??= makeSource();
          batch = deleteBatch(db, source, cutoff);
        } catch (cause) {
          throw storageFailed(cause);
        }
        if (batch.record !== null) {
          await removeBatchFiles({ db, dataDir, hooks, log }, batch.ids, batch.record).finally(() => emit('removed', batch.ids));
          purged += batch.ids.length;
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
    empty: () => purgeFrom(() => trashedUpTo(db, Number.MAX_SAFE_INTEGER, batchSize)),
    purgeExpired: (retentionDays) => {
      const cutoff = now() - retentionDays * DAY_MS;
      return purgeFrom(() => trashedUpTo(db, cutoff, batchSize), cutoff);
    },
    purge: (ids) => purgeFrom(() => trashedAmong(db, ids, batchSize)),
    finishPendingPurges: () => serial(() => finishPending(db, dataDir)),
  };
}

import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { MediaKind } from '../../../shared/app.ts';
import { fsyncDirectory } from './atomicFile.ts';
import { idOfMediaFile, MEDIA_DIRS } from './mediaNames.ts';
import { prepared } from '../db/statements.ts';

/**
 * A purge deletes rows first and files after (RELIABILITY §3). A crash in between would leave files without rows,
 * which the startup sweep cannot tell from a crashed ingest, so it would quarantine them and a purged image would
 * come back. So the names of the files to remove are written in the same transaction that deletes the rows, and
 * forgotten only once the files are gone: at the next start, whatever a crash left is finished before the sweep.
 * They live in the settings table under `purge.pending.<uuid>`, which keeps the record atomic with the delete
 * without a table of its own.
 */
const PREFIX = 'purge.pending.';
// Every key with the prefix sorts in [PREFIX, PREFIX_END): a range on the primary key, never a scan.
const PREFIX_END = 'purge.pending/';

export interface PurgeRecord {
  key: string;
  /** Relative, '/'-separated media names (`images/ab/<id>.png`, `thumbs/ab/<id>.webp`). */
  names: string[];
}

/** Hooks for the crash tests: each runs right after one file of the record is removed. */
export type UnlinkHook = (name: string) => void | Promise<void>;

/** Only a name the library itself writes may ever be unlinked: `<images|thumbs>/<shard>/<id>.<ext>`, nothing else. */
export const isMediaName = (name: string): boolean => {
  const parts = name.split('/');
  if (parts.length !== 3) return false;
  const [dir = '', shard = '', file = ''] = parts;
  const kind = (Object.keys(MEDIA_DIRS) as MediaKind[]).find((k) => MEDIA_DIRS[k] === dir);
  return kind !== undefined && idOfMediaFile(kind, shard, file) !== null;
};

/** Writes a record; call it inside the transaction that deletes the rows the names belong to. */
export const recordPendingPurge = (db: Database, names: readonly string[]): string => {
  const key = `${PREFIX}${randomUUID()}`;
  prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(names.filter(isMediaName)));
  return key;
};

export const listPendingPurges = (db: Database): PurgeRecord[] =>
  (prepared(db, 'SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key').all(PREFIX, PREFIX_END) as Array<{ key: string; value: string }>)
    .map(({ key, value }) => {
      let names: unknown;
      try {
        names = JSON.parse(value);
      } catch {
        names = [];
      }
      return { key, names: Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && isMediaName(n)) : [] };
    });

const describe = (error: unknown): string => ((error as { code?: unknown } | null)?.code as string | undefined) ?? 'error';

/**
 * Removes the record's files (a file already gone is fine: the sweep may have moved it, or an earlier attempt removed
 * it), makes the removals durable, then forgets the record. A file that could not be removed stays in the record,
 * to be tried again at the next start rather than be swept into quarantine as an orphan.
 */
export async function completePurge(
  db: Database,
  dataDir: string,
  record: PurgeRecord,
  hooks: { afterUnlink?: UnlinkHook; beforeForget?: () => void | Promise<void> } = {},
): Promise<{ removed: number; problems: string[] }> {
  const left: string[] = [];
  const problems: string[] = [];
  const dirs = new Set<string>();
  let removed = 0;
  const owned = prepared(db, 'SELECT 1 FROM images WHERE file_name = ? OR thumb_name = ?');
  for (const name of record.names) {
    // The record was written with the rows' delete, so no row can own these names; checked anyway, because a
    // purge must never touch an image that is in the library.
    if (owned.get(name, name) !== undefined) continue;
    const path = join(dataDir, ...name.split('/'));
    try {
      // rm never follows a symlink at the name itself: a link put there is removed, not its target.
      await rm(path);
      removed++;
      dirs.add(dirname(path));
    } catch (error) {
      if (describe(error) !== 'ENOENT') {
        left.push(name);
        problems.push(`${name}: ${describe(error)}`);
      }
    }
    await hooks.afterUnlink?.(name);
  }
  // Without this a power cut could bring a removed file back after its record is gone: then it would be an orphan.
  for (const dir of dirs) await fsyncDirectory(dir).catch(() => undefined);
  await hooks.beforeForget?.();
  if (left.length === 0) prepared(db, 'DELETE FROM settings WHERE key = ?').run(record.key);
  else prepared(db, 'UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(left), record.key);
  return { removed, problems };
}

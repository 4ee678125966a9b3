import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { finishBackupCopy, type IntegrityReport } from '../db/checks.ts';
import { ensureDirectory, fsyncDirectory, fsyncFile } from './atomicFile.ts';

/**
 * Database backups (RELIABILITY §3, D6): better-sqlite3's online backup into `backups/lagoon-<time>.db.partial`
 * → switch the copy to a single self-contained file (rollback journal, no -wal beside it) → `integrity_check` on
 * the copy → fsync → rename to `lagoon-<time>.db` → fsync the folder → keep the newest N. A backup that fails its
 * check never gets a final name, and a crash leaves at most a partial, removed by the next backup.
 */
export const BACKUP_DIR = 'backups';
const FINAL_RE = /^lagoon-(\d{8})-(\d{6})-(\d{3})\.db$/u;
// The partial and the journal SQLite keeps beside it while the copy is being written or switched.
const PARTIAL_RE = /^lagoon-\d{8}-\d{6}-\d{3}\.db\.partial(-journal|-wal|-shm)?$/u;

interface BackupInfo {
  /** File name inside `<dataDir>/backups/`. */
  name: string;
  /** When it was taken (ms since epoch, from its name). */
  at: number;
}

interface BackupHooks {
  /** The copy is written as a partial, not yet checked. */
  afterCopy?: (partialPath: string) => void | Promise<void>;
  /** The copy passed its check and is durable, not yet renamed. */
  beforeRename?: (partialPath: string) => void | Promise<void>;
  /** The backup has its final name; older ones are not yet pruned. */
  afterRename?: (finalPath: string) => void | Promise<void>;
}

export interface BackupDeps {
  db: Database.Database;
  dataDir: string;
  now?: () => number;
  hooks?: BackupHooks;
  /** Makes the copy one file and checks it; default in-thread (services.ts passes the worker-thread one). */
  finishCopy?: (partialPath: string) => Promise<IntegrityReport>;
}

export interface Backups {
  /** Takes a backup now (one at a time: a second call waits for the first) and keeps the newest `keep`. */
  backupNow(keep: number): Promise<BackupInfo & { kept: number }>;
  /** Backups with a final name, newest first. */
  list(): Promise<BackupInfo[]>;
  /** Backs up only when the newest backup is older than `maxAgeMs` (or there is none); null when it was fresh. */
  backupIfStale(keep: number, maxAgeMs: number): Promise<(BackupInfo & { kept: number }) | null>;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** UTC, so names sort by time and do not depend on the machine's zone; no ':' (not allowed on Windows). */
export const backupName = (at: number): string => {
  const d = new Date(at);
  const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `lagoon-${date}-${time}-${pad(d.getUTCMilliseconds(), 3)}.db`;
};

export const backupTime = (name: string): number | null => {
  const m = FINAL_RE.exec(name);
  if (!m) return null;
  const [, date = '', time = '', ms = ''] = m;
  const at = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +time.slice(0, 2), +time.slice(2, 4), +time.slice(4, 6), +ms);
  return backupName(at) === name ? at : null;
};

const isFileEntry = (entry: { isFile(): boolean }): boolean => entry.isFile();

const backupFailed = (cause: unknown, reason?: string): AppError =>
  new AppError(
    'STORAGE_FAILED',
    'The library database could not be backed up. Check that the disk has free space and the data folder is writable.',
    reason ? { reason } : undefined,
    { cause },
  );

/** Backups with a final name in `<dataDir>/backups/`, newest first (needs no open database). */
export const listBackups = async (dataDir: string): Promise<BackupInfo[]> =>
  (await readdir(join(dataDir, BACKUP_DIR), { withFileTypes: true }).catch(() => []))
    .filter(isFileEntry)
    .map((e) => ({ name: e.name, at: backupTime(e.name) }))
    .filter((b): b is BackupInfo => b.at !== null)
    .toSorted((a, b) => b.at - a.at);

export function createBackups(deps: BackupDeps): Backups {
  const { db, hooks = {} } = deps;
  const finishCopy = deps.finishCopy ?? (async (path: string) => finishBackupCopy(path));
  const now = deps.now ?? Date.now;
  const dir = join(deps.dataDir, BACKUP_DIR);
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };

  const entries = async () => (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter(isFileEntry);

  const list = (): Promise<BackupInfo[]> => listBackups(deps.dataDir);

  /** Backups run one at a time in this process, so every partial found here is a crash's leftover. */
  const sweepPartials = async (): Promise<void> => {
    // The partial before its journal: a journal without its database is inert, a database without its hot journal is not.
    const names = (await entries()).map((e) => e.name).filter((n) => PARTIAL_RE.test(n)).toSorted((a, b) => a.length - b.length);
    for (const name of names) await rm(join(dir, name), { force: true });
  };

  const prune = async (keep: number): Promise<number> => {
    const all = await list();
    for (const old of all.slice(keep)) await rm(join(dir, old.name), { force: true });
    if (all.length > keep) await fsyncDirectory(dir).catch(() => undefined);
    return Math.min(all.length, keep);
  };

  const takeBackup = async (keep: number): Promise<BackupInfo & { kept: number }> => {
    if (!Number.isInteger(keep) || keep < 1) throw new AppError('INVALID_INPUT', 'At least one backup must be kept.');
    const taken = new Set((await list()).map((b) => b.name));
    let at = now();
    while (taken.has(backupName(at))) at++;
    const name = backupName(at);
    const finalPath = join(dir, name);
    const partialPath = `${finalPath}.partial`;
    try {
      await ensureDirectory(dir);
      await sweepPartials();
      await db.backup(partialPath);
      await hooks.afterCopy?.(partialPath);
      const check = await finishCopy(partialPath);
      if (!check.ok) throw Object.assign(new Error(`backup copy failed its check: ${check.result.slice(0, 200)}`), { code: 'EBADCOPY' });
      await fsyncFile(partialPath);
      await hooks.beforeRename?.(partialPath);
      await rename(partialPath, finalPath);
      await fsyncDirectory(dir);
    } catch (cause) {
      await rm(partialPath, { force: true }).catch(() => undefined);
      await rm(`${partialPath}-journal`, { force: true }).catch(() => undefined);
      throw backupFailed(cause, (cause as { code?: string } | null)?.code);
    }
    await hooks.afterRename?.(finalPath);
    const kept = await prune(keep).catch(() => keep);
    return { name, at, kept };
  };

  return {
    list,
    backupNow: (keep) => serial(() => takeBackup(keep)),
    backupIfStale: (keep, maxAgeMs) =>
      serial(async () => {
        const [newest] = await list();
        // A backup "from the future" (the clock was moved back) does not count as fresh.
        const age = newest ? now() - newest.at : Number.POSITIVE_INFINITY;
        if (age >= 0 && age < maxAgeMs) return null;
        return takeBackup(keep);
      }),
  };
}

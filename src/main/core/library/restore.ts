import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { checkIntegrity, type IntegrityReport } from '../db/checks.ts';
import { fsyncDirectory, fsyncFile, writeFileAtomic } from './atomicFile.ts';
import { BACKUP_DIR, backupName, backupTime } from './backup.ts';

/**
 * Restoring the library database from a backup (RELIABILITY D9/D11), with the database closed. The damaged file is
 * never deleted: it moves, with its -wal and -shm, into `damaged/<time>/`. Every step is redone from an intent file
 * written first, so a process killed anywhere leaves either the old database or the restored one in place, never
 * none and never a restored file beside the damaged one's -wal (which SQLite would replay onto it):
 *   intent → copy the backup to lagoon.db.restoring.partial, fsync, rename to .restoring (a whole copy)
 *   → move -wal, -shm, lagoon.db aside → rename .restoring to lagoon.db → fsync the folder → remove the intent.
 */
export const DB_NAME = 'lagoon.db';
export const DAMAGED_DIR = 'damaged';
const INTENT = 'restore-intent.json';
const RESTORING = `${DB_NAME}.restoring`;
const PARTIAL = `${RESTORING}.partial`;
const LIVE_FILES = [`${DB_NAME}-wal`, `${DB_NAME}-shm`, DB_NAME];

interface Intent {
  backup: string;
  /** Folder under damaged/ that receives the old database. */
  aside: string;
}

export interface RestoreHooks {
  /** Called with each step's name as it starts (crash tests kill the process here). */
  step?: (name: 'intent' | 'copy' | 'aside' | 'swap' | 'done') => void | Promise<void>;
}

export interface BackupCheck {
  name: string;
  at: number;
  bytes: number;
  /** Live images in it; null when it could not be read. */
  images: number | null;
  ok: boolean;
  result: string;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** Runs integrity_check on a database file; the app passes its check worker's, so a big backup never blocks the window. */
export type FileCheck = (path: string) => Promise<IntegrityReport>;

const checkInThread: FileCheck = async (path) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return checkIntegrity(db);
  } finally {
    db.close();
  }
};

/** A backup's integrity_check, size and image count (what Settings and the CLI list), each opened read-only. */
export async function inspectBackup(dataDir: string, name: string, check: FileCheck = checkInThread): Promise<BackupCheck> {
  const at = backupTime(name);
  if (at === null) throw new AppError('INVALID_INPUT', 'There is no backup with this name.');
  const path = join(dataDir, BACKUP_DIR, name);
  const info = await stat(path).catch(() => null);
  if (!info) throw new AppError('NOT_FOUND', 'There is no backup with this name.');
  let report: IntegrityReport;
  try {
    report = await check(path);
  } catch (error) {
    return { name, at, bytes: info.size, images: null, ok: false, result: `The backup could not be opened: ${String(error).slice(0, 200)}` };
  }
  return { name, at, bytes: info.size, images: report.ok ? imageCount(path) : null, ...report };
}

/** Images not in the trash; null when the file cannot answer. */
const imageCount = (path: string): number | null => {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.prepare('SELECT count(*) FROM images WHERE trashed_at IS NULL').pluck().get() as number;
  } catch {
    return null;
  } finally {
    db?.close();
  }
};

const readIntent = async (dataDir: string): Promise<Intent | null> => {
  const text = await readFile(join(dataDir, INTENT), 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = JSON.parse(text) as Partial<Intent>;
  if (typeof parsed.backup !== 'string' || backupTime(parsed.backup) === null || typeof parsed.aside !== 'string' || !/^[\w-]+$/u.test(parsed.aside)) {
    throw new AppError('STORAGE_FAILED', 'An interrupted restore left a record that cannot be read; nothing was changed.');
  }
  return { backup: parsed.backup, aside: parsed.aside };
};

/** Carries out (or finishes) the restore an intent describes; every step is safe to redo. */
async function carryOut(dataDir: string, intent: Intent, hooks: RestoreHooks): Promise<void> {
  const at = (name: string): string => join(dataDir, name);
  const asideDir = join(dataDir, DAMAGED_DIR, intent.aside);
  const swapped = !(await exists(at(RESTORING))) && (await exists(join(asideDir, DB_NAME)));
  if (!swapped) {
    if (!(await exists(at(RESTORING)))) {
      await hooks.step?.('copy');
      await copyFile(join(dataDir, BACKUP_DIR, intent.backup), at(PARTIAL));
      await fsyncFile(at(PARTIAL));
      await rename(at(PARTIAL), at(RESTORING));
      await fsyncDirectory(dataDir);
    }
    await hooks.step?.('aside');
    await mkdir(asideDir, { recursive: true });
    // -wal and -shm first: the restored file must never meet the damaged one's log.
    for (const name of LIVE_FILES) if (await exists(at(name))) await rename(at(name), join(asideDir, name));
    await fsyncDirectory(asideDir);
    await hooks.step?.('swap');
    await rename(at(RESTORING), at(DB_NAME));
    await fsyncDirectory(dataDir);
  }
  await hooks.step?.('done');
  await rm(at(INTENT), { force: true });
  await fsyncDirectory(dataDir);
}

/** At start, before the database is opened: finishes a restore a crash interrupted. True when there was one. */
export async function finishPendingRestore(dataDir: string, hooks: RestoreHooks = {}): Promise<boolean> {
  const intent = await readIntent(dataDir);
  if (!intent) return false;
  await carryOut(dataDir, intent, hooks);
  return true;
}

/**
 * Records that backup `name` is to replace the library database (after checking it passes integrity_check), for
 * the next start to carry out before it opens the database: what the app does, since its connection is open now.
 * Returns the folder (relative to the data folder) the old database will move to.
 */
export async function scheduleRestore(
  dataDir: string,
  name: string,
  opts: { now?: number; hooks?: RestoreHooks; check?: FileCheck } = {},
): Promise<{ movedTo: string }> {
  const hooks = opts.hooks ?? {};
  if (await readIntent(dataDir)) await finishPendingRestore(dataDir, hooks);
  const check = await inspectBackup(dataDir, name, opts.check);
  if (!check.ok) throw new AppError('STORAGE_FAILED', `This backup fails its integrity check, so it was not restored: ${check.result.slice(0, 300)}`);
  const aside = backupName(opts.now ?? Date.now()).replace(/^lagoon-|\.db$/gu, '');
  await hooks.step?.('intent');
  await writeFileAtomic(join(dataDir, INTENT), Buffer.from(JSON.stringify({ backup: name, aside } satisfies Intent)));
  return { movedTo: `${DAMAGED_DIR}/${aside}` };
}

/**
 * Puts backup `name` in place of the library database now; nothing may have the database open (the CLI checks).
 * Refuses a backup that fails integrity_check. Returns where the old database went (relative to the data folder).
 */
export async function restoreDatabase(dataDir: string, name: string, opts: { now?: number; hooks?: RestoreHooks } = {}): Promise<{ movedTo: string }> {
  const scheduled = await scheduleRestore(dataDir, name, opts);
  await finishPendingRestore(dataDir, opts.hooks);
  return scheduled;
}

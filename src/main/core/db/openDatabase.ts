import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { assertKnownVersion, migrate, type MigrationStep } from './migrate.ts';

const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the library database with the settings the app relies on, then brings its schema up
 * to date. A database from a newer Lagoon is refused before a single byte is written to it.
 */
export function openDatabase(path: string, opts: { readonly?: boolean; onMigrationStep?: (step: MigrationStep) => void } = {}): Database.Database {
  const readonly = opts.readonly === true;
  if (!readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (cause) {
    throw new AppError('STORAGE_FAILED', 'The library database could not be opened. Check that the data folder is readable and writable.', undefined, { cause });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Checked before `journal_mode`, which rewrites the file header: a newer database must stay byte-identical.
    assertKnownVersion(db);
    db.pragma('foreign_keys = ON');
    if (readonly) return db;
    db.pragma('journal_mode = WAL');
    // FULL, not NORMAL: in WAL mode NORMAL skips the fsync at commit, so after a power loss or OS crash the last
    // commits can roll back. Each row is an image the user has paid Venice for and that exists nowhere else (Venice
    // keeps no copy), so we pay one extra fsync per commit; at Venice's 20 images/min that costs nothing noticeable.
    db.pragma('synchronous = FULL');
    migrate(db, undefined, opts.onMigrationStep);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError('STORAGE_FAILED', 'The library database could not be prepared. It may be damaged or the disk may be full.', undefined, { cause: error });
  }
}

/** Lets SQLite refresh its planner statistics (cheap, and only where stale), then closes. Safe to call twice. */
export function closeDatabase(db: Database.Database): void {
  if (!db.open) return;
  try {
    if (!db.readonly) db.pragma('optimize');
  } catch {
    // Only statistics are lost (e.g. the disk is full); closing must still happen and must not throw.
  }
  db.close();
}

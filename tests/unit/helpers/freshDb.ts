import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';

/**
 * For migration tests: `freshDb()` opens an empty database file (foreign keys on, nothing migrated) in a folder of
 * its own; after each test every database opened so is closed (if the test has not) and its folder removed.
 */
export const freshDatabases = (prefix: string): (() => Database.Database) => {
  const opened: Array<{ dir: string; db: Database.Database }> = [];
  afterEach(() => {
    for (const { dir, db } of opened.splice(0)) {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const db = new Database(join(dir, 'lagoon.db'));
    opened.push({ dir, db });
    db.pragma('foreign_keys = ON');
    return db;
  };
};

/**
 * For tests that open (and reopen) databases by path: an empty folder for each test, handed to `ready`. Answers
 * `track`, which registers a database to be closed after the test (if the test has not), before its folder goes.
 */
export const databaseFolderPerTest = (prefix: string, ready: (dir: string) => void): (<D extends Database.Database>(db: D) => D) => {
  const opened: Database.Database[] = [];
  let dir: string | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    ready(dir);
  });
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  return (db) => (opened.push(db), db);
};

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';

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

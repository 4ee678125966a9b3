import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';

/**
 * For migration tests: `freshDb()` opens an empty database file (foreign keys on, nothing migrated) in a folder of
 * its own; every folder made in a test is removed after it.
 */
export const freshDatabases = (prefix: string): (() => Database.Database) => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    const db = new Database(join(dir, 'lagoon.db'));
    db.pragma('foreign_keys = ON');
    return db;
  };
};

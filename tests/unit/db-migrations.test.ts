import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { latestVersion, migrate, type Migration, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { migration0001 } from '../../src/main/core/db/migrations/0001-initial.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { LIVE_NEWEST_SQL, LIVE_OLDEST_SQL } from '../../src/main/core/library/search/searchQueries.ts';
import { databaseFolderPerTest } from './helpers/freshDb.ts';

let dir: string;
const track = databaseFolderPerTest('lagoon-db-', (made) => (dir = made));

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const schemaOf = (db: Database.Database) =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

/** A database that was never opened by Lagoon, in rollback-journal mode so the main file holds everything. */
const plainDb = (name = 'plain.db') => track(new Database(join(dir, name)));

const catchError = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

const validRow = {
  id: '00000000-0000-4000-8000-000000000001',
  created_at: 1,
  prompt: 'p',
  model: 'm',
  endpoint: 'openai',
  request_json: '{}',
  response_json: '{}',
  format: 'png',
  width: 1,
  height: 1,
  byte_size: 1,
  sha256: 'a'.repeat(64),
  file_name: 'images/00/x.png',
  thumb_name: 'thumbs/00/x.webp',
};
const insertSql = `INSERT INTO images (${Object.keys(validRow).join(', ')}) VALUES (${Object.keys(validRow).map((k) => `@${k}`).join(', ')})`;

describe('openDatabase', () => {
  it('creates the parent folder, migrates to the latest version and reads back wal / 2 / 1 / 5000', () => {
    const path = join(dir, 'nested', 'deeper', 'lagoon.db');
    const db = track(openDatabase(path));
    expect(existsSync(path)).toBe(true);
    expect(readUserVersion(db)).toBe(latestVersion());
    expect(latestVersion()).toBe(ALL_MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('is a no-op on an up-to-date database: same schema, same version, nothing re-run', () => {
    const path = join(dir, 'lagoon.db');
    const first = track(openDatabase(path));
    const before = schemaOf(first);
    closeDatabase(first);
    const again = track(openDatabase(path));
    expect(schemaOf(again)).toEqual(before);
    expect(readUserVersion(again)).toBe(latestVersion());
  });

  it('refuses a database from a newer Lagoon without writing a byte to it', () => {
    const path = join(dir, 'future.db');
    const raw = plainDb('future.db');
    raw.exec('CREATE TABLE from_the_future (x INTEGER)');
    raw.pragma(`user_version = ${latestVersion() + 7}`);
    raw.close();
    const hash = sha(path);

    const error = catchError(() => openDatabase(path));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORAGE_FAILED');
    expect((error as AppError).message).toMatch(/newer version of Lagoon/);
    expect(sha(path)).toBe(hash);
    expect(existsSync(`${path}-wal`)).toBe(false);

    const check = plainDb('future.db');
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(readUserVersion(check)).toBe(latestVersion() + 7);
  });

  it('reports a file that is not a database as STORAGE_FAILED and leaves it as it was', () => {
    const path = join(dir, 'lagoon.db');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const hash = sha(path);
    const error = catchError(() => openDatabase(path));
    expect((error as AppError).code).toBe('STORAGE_FAILED');
    expect(sha(path)).toBe(hash);
  });

  it('opens read-only without migrating or creating anything', () => {
    expect(() => openDatabase(join(dir, 'missing.db'), { readonly: true })).toThrow(AppError);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    const path = join(dir, 'lagoon.db');
    closeDatabase(track(openDatabase(path)));
    const ro = track(openDatabase(path, { readonly: true }));
    expect(ro.readonly).toBe(true);
    expect(() => ro.exec("INSERT INTO settings (key, value) VALUES ('a', 'b')")).toThrow(/readonly/);
    closeDatabase(ro);
    expect(ro.open).toBe(false);
  });

  it('closeDatabase runs PRAGMA optimize, closes, and tolerates a second call', () => {
    const db = track(openDatabase(join(dir, 'lagoon.db')));
    const seen: string[] = [];
    const originalPragma = db.pragma.bind(db);
    db.pragma = ((source: string, options?: Database.PragmaOptions) => (seen.push(source), originalPragma(source, options))) as typeof db.pragma;
    closeDatabase(db);
    expect(seen).toContain('optimize');
    expect(db.open).toBe(false);
    expect(() => closeDatabase(db)).not.toThrow();
  });
});

const extra = (version: number, up: Migration['up']): Migration => ({ version, name: `test-${version}`, up });

describe('migrate', () => {

  it('applies pending migrations once each, tracked by user_version', () => {
    const db = plainDb();
    let runs = 0;
    const list = [...ALL_MIGRATIONS, extra(ALL_MIGRATIONS.length + 1, (d) => (runs++, d.exec('CREATE TABLE t2 (x INTEGER) STRICT')))];
    migrate(db, list);
    migrate(db, list);
    migrate(db, list);
    expect(runs).toBe(1);
    expect(readUserVersion(db)).toBe(ALL_MIGRATIONS.length + 1);
  });

  it('rolls a failing migration back completely: no partial DDL, version unchanged', () => {
    const db = plainDb();
    migrate(db);
    const before = schemaOf(db);
    const failing = extra(ALL_MIGRATIONS.length + 1, (d) => {
      d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
      d.exec('ALTER TABLE images ADD COLUMN half_done_column INTEGER');
      throw new Error('boom in the middle');
    });
    expect(() => migrate(db, [...ALL_MIGRATIONS, failing])).toThrow('boom in the middle');
    expect(readUserVersion(db)).toBe(ALL_MIGRATIONS.length);
    expect(schemaOf(db)).toEqual(before);
  });

  it('refuses a newer database directly too, file untouched', () => {
    const path = join(dir, 'plain.db');
    const db = plainDb();
    db.pragma('user_version = 999');
    db.close();
    const hash = sha(path);
    const again = plainDb();
    const error = catchError(() => migrate(again));
    expect((error as AppError).code).toBe('STORAGE_FAILED');
    again.close();
    expect(sha(path)).toBe(hash);
  });

  it('rejects a migration list with a gap (a programming error)', () => {
    const db = plainDb();
    const error = catchError(() => migrate(db, [migration0001, extra(3, () => undefined)]));
    expect((error as AppError).code).toBe('INTERNAL');
    expect(readUserVersion(db)).toBe(0);
  });

  it('keeps the static list numbered 1..N with unique names', () => {
    expect(ALL_MIGRATIONS.map((m) => m.version)).toEqual(ALL_MIGRATIONS.map((_, i) => i + 1));
    expect(new Set(ALL_MIGRATIONS.map((m) => m.name)).size).toBe(ALL_MIGRATIONS.length);
  });
});

const migrated = () => {
  const db = track(new Database(':memory:'));
  migrate(db, [migration0001]);
  return db;
};

describe('migration 0001-initial', () => {

  it('creates STRICT images and settings tables and the images_by_created index', () => {
    const db = migrated();
    expect(readUserVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    expect(tables).toEqual([
      { name: 'images', strict: 1 },
      { name: 'settings', strict: 1 },
    ]);
    const columns = db.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info('images') ORDER BY cid").all() as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).toEqual([
      'id', 'created_at', 'prompt', 'model', 'endpoint', 'request_json', 'response_json',
      'format', 'width', 'height', 'byte_size', 'sha256', 'file_name', 'thumb_name',
    ]);
    const index = db.prepare("SELECT name, desc FROM pragma_index_xinfo('images_by_created') WHERE key = 1 ORDER BY seqno").all();
    expect(index).toEqual([
      { name: 'created_at', desc: 1 },
      { name: 'id', desc: 1 },
    ]);
  });

  it('enforces the column rules', () => {
    const db = migrated();
    const insert = db.prepare(insertSql);
    insert.run(validRow);
    const bad: Array<Partial<typeof validRow> | Record<string, unknown>> = [
      { id: validRow.id }, // duplicate primary key
      { endpoint: 'other' },
      { format: 'gif' },
      { width: 'wide' }, // STRICT: wrong type
      { width: 0 },
      { byte_size: 0 },
      { sha256: 'abc' },
      { file_name: validRow.file_name }, // unique
      { thumb_name: validRow.thumb_name },
      { prompt: null },
    ];
    const accepted = bad.filter((override, i) => {
      const row = {
        ...validRow,
        id: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
        file_name: `images/f${i}`,
        thumb_name: `thumbs/t${i}`,
        ...override,
      };
      try {
        insert.run(row);
        return true;
      } catch (error) {
        return !(error instanceof Database.SqliteError);
      }
    });
    expect(accepted).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM images').get()).toEqual({ n: 1 });
  });

  it('serves the live grid, newest and oldest first, from the images_live index with no sort step', () => {
    // The grid's queries key on doc_key (migration 0006), so this one runs on the full schema.
    const db = track(new Database(':memory:'));
    migrate(db);
    const insert = db.prepare(insertSql);
    for (let i = 0; i < 200; i++) {
      insert.run({ ...validRow, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, created_at: i % 17, file_name: `f${i}`, thumb_name: `t${i}` });
    }
    db.exec('ANALYZE');
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    for (const sql of [LIVE_NEWEST_SQL, LIVE_OLDEST_SQL]) {
      const detail = plan(sql, 0n, 5n << 10n, 60);
      expect(detail).toMatch(/SEARCH i USING INDEX images_live \(doc_key>\? AND doc_key<\?\)/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
    }
  });

});

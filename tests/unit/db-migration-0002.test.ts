import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { migration0001 } from '../../src/main/core/db/migrations/0001-initial.ts';
import { migration0002 } from '../../src/main/core/db/migrations/0002-file-health.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { insertImage } from '../../src/main/core/library/imageQueries.ts';
import { databaseFolderPerTest } from './helpers/freshDb.ts';

let dir: string;
const track = databaseFolderPerTest('lagoon-m2-', (made) => (dir = made));

const OLD_COLUMNS = [
  'id', 'created_at', 'prompt', 'model', 'endpoint', 'request_json', 'response_json',
  'format', 'width', 'height', 'byte_size', 'sha256', 'file_name', 'thumb_name',
];

/** `quote()` renders each value as an exact SQL literal (type and bytes), so equal snapshots mean identical rows. */
const snapshot = (db: Database.Database) =>
  db.prepare(`SELECT ${OLD_COLUMNS.map((c) => `typeof(${c}) || ':' || quote(${c}) AS ${c}`).join(', ')} FROM images ORDER BY id`).all();
const settingsOf = (db: Database.Database) => db.prepare('SELECT key, quote(value) AS value FROM settings ORDER BY key').all();
/** Our own objects only: PRAGMA optimize on close may add sqlite_stat tables. */
const SCHEMA_SQL = "SELECT name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name";
const schemaSql = (db: Database.Database, name: string) =>
  (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string } | undefined)?.sql;

const PROMPTS = ['a lagoon at dawn, 🌅', 'שלום עולם \u202E evil', 'e\u0301 (NFD)', '', 'x'.repeat(1500), '"quotes" and \'apostrophes\'; DROP TABLE images; --'];

/** A Lagoon database as version 1 left it, in a real file, with varied rows the new column must not disturb. */
const versionOneDb = (path: string, rows = 60): Database.Database => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  migrate(db, [migration0001]);
  const insert = db.prepare(`INSERT INTO images (${OLD_COLUMNS.join(', ')}) VALUES (${OLD_COLUMNS.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const id = randomUUID();
      const format = (['png', 'jpeg', 'webp'] as const)[i % 3]!;
      insert.run(
        id,
        i === 0 ? Number.MAX_SAFE_INTEGER : 1_700_000_000_000 + i,
        PROMPTS[i % PROMPTS.length]!,
        `model-${i % 4}`,
        i % 2 ? 'native' : 'openai',
        JSON.stringify({ prompt: PROMPTS[i % PROMPTS.length], seed: i, nested: { a: [1, 2, { b: null }] } }),
        JSON.stringify({ created: 1_700_000_000 + i, padding: 'y'.repeat(i * 97) }),
        format,
        1 + i,
        2048 - i,
        1 + i * 1000,
        (i % 16).toString(16).repeat(64),
        `images/${id.slice(0, 2)}/${id}.${format === 'jpeg' ? 'jpg' : format}`,
        `thumbs/${id.slice(0, 2)}/${id}.webp`,
      );
    }
    db.prepare("INSERT INTO settings (key, value) VALUES ('theme', 'dark'), ('locale', 'fr-CA')").run();
  })();
  return db;
};

describe('migration 0002-file-health', () => {
  it('is the second entry of the static list', () => {
    expect(ALL_MIGRATIONS[1]).toBe(migration0002);
    expect(migration0002.version).toBe(2);
  });

  it('migrates a version-1 file with rows to version 2, every old column byte-identical, the new one NULL', () => {
    const path = join(dir, 'lagoon.db');
    const v1 = versionOneDb(path);
    const rowsBefore = snapshot(v1);
    const settingsBefore = settingsOf(v1);
    const indexBefore = schemaSql(v1, 'images_by_created');
    expect(readUserVersion(v1)).toBe(1);
    expect(rowsBefore).toHaveLength(60);
    v1.close();

    // Exactly 1 → 2 here; later migrations get their own tests (the full chain is covered below).
    const db = track(new Database(path));
    migrate(db, [migration0001, migration0002]);
    expect(readUserVersion(db)).toBe(2);
    expect(snapshot(db)).toEqual(rowsBefore);
    expect(settingsOf(db)).toEqual(settingsBefore);
    expect(schemaSql(db, 'images_by_created')).toBe(indexBefore);
    expect(db.prepare('SELECT count(*) AS n FROM images WHERE file_missing_at IS NOT NULL').get()).toEqual({ n: 0 });
    const columns = db.prepare("SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('images') ORDER BY cid").all();
    expect(columns).toHaveLength(OLD_COLUMNS.length + 1);
    expect(columns.at(-1)).toEqual({ name: 'file_missing_at', type: 'INTEGER', notnull: 0, dflt_value: null });
    expect(columns.slice(0, -1).map((c) => (c as { name: string }).name)).toEqual(OLD_COLUMNS);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const strict = db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'images'").get();
    expect(strict).toEqual({ strict: 1 });
  });

  it('keeps the old columns byte-identical through openDatabase (every migration), and re-opening is a no-op', () => {
    const path = join(dir, 'lagoon.db');
    const v1 = versionOneDb(path, 12);
    const rowsBefore = snapshot(v1);
    v1.close();
    const first = track(openDatabase(path));
    expect(readUserVersion(first)).toBe(latestVersion());
    expect(snapshot(first)).toEqual(rowsBefore);
    expect(first.prepare('SELECT count(*) AS n FROM images WHERE file_missing_at IS NULL').get()).toEqual({ n: 12 });
    const schema = first.prepare(SCHEMA_SQL).all();
    const rows = first.prepare('SELECT * FROM images ORDER BY id').all();
    closeDatabase(first);
    const again = track(openDatabase(path));
    migrate(again);
    expect(again.prepare(SCHEMA_SQL).all()).toEqual(schema);
    expect(again.prepare('SELECT * FROM images ORDER BY id').all()).toEqual(rows);
    expect(readUserVersion(again)).toBe(latestVersion());
  });

  it('keeps ingest inserts working (the flag defaults to NULL) and enforces the column type', () => {
    const db = track(openDatabase(join(dir, 'lagoon.db')));
    const id = randomUUID();
    insertImage(db, {
      id, createdAt: 1, prompt: 'p', model: 'm', endpoint: 'openai', requestJson: '{}', responseJson: '{}', format: 'png',
      width: 1, height: 1, byteSize: 1, sha256: 'a'.repeat(64), fileName: `images/${id}`, thumbName: `thumbs/${id}`,
    });
    const flag = db.prepare('UPDATE images SET file_missing_at = ? WHERE id = ?');
    expect(db.prepare('SELECT file_missing_at FROM images WHERE id = ?').get(id)).toEqual({ file_missing_at: null });
    flag.run(1_700_000_000_000, id);
    expect(db.prepare('SELECT file_missing_at FROM images WHERE id = ?').get(id)).toEqual({ file_missing_at: 1_700_000_000_000 });
    expect(() => flag.run('yesterday', id)).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => flag.run(-1, id)).toThrow(/CHECK constraint failed/);
    flag.run(null, id);
    expect(db.prepare('SELECT file_missing_at FROM images WHERE id = ?').get(id)).toEqual({ file_missing_at: null });
  });

  it('rolls back completely if it fails: version 1 schema and rows untouched', () => {
    const path = join(dir, 'lagoon.db');
    const db = track(versionOneDb(path, 10));
    const schema = db.prepare(SCHEMA_SQL).all();
    const rows = snapshot(db);
    // Same DDL, then a failure inside the same transaction (as a crash mid-migration would leave it).
    const failing = { ...migration0002, up: (d: Database.Database) => (migration0002.up(d), d.exec('SELECT * FROM no_such_table')) };
    expect(() => migrate(db, [migration0001, failing])).toThrow(/no such table/);
    expect(readUserVersion(db)).toBe(1);
    expect(db.prepare(SCHEMA_SQL).all()).toEqual(schema);
    expect(snapshot(db)).toEqual(rows);
  });
});

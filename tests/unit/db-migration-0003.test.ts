import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { migration0001 } from '../../src/main/core/db/migrations/0001-initial.ts';
import { migration0002 } from '../../src/main/core/db/migrations/0002-file-health.ts';
import { migration0003 } from '../../src/main/core/db/migrations/0003-jobs.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { LIST_JOBS_SQL, QUEUED_SQL } from '../../src/main/core/queue/jobStore.ts';
import { databaseFolderPerTest } from './helpers/freshDb.ts';

let dir: string;
const track = databaseFolderPerTest('lagoon-m3-', (made) => (dir = made));

const IMAGE_COLUMNS = [
  'id', 'created_at', 'prompt', 'model', 'endpoint', 'request_json', 'response_json', 'format',
  'width', 'height', 'byte_size', 'sha256', 'file_name', 'thumb_name', 'file_missing_at',
];
/** `quote()` renders each value as an exact SQL literal, so equal snapshots mean byte-identical rows. */
const snapshot = (db: Database.Database) =>
  db.prepare(`SELECT ${IMAGE_COLUMNS.map((c) => `typeof(${c}) || ':' || quote(${c}) AS ${c}`).join(', ')} FROM images ORDER BY id`).all();

/** A database exactly as version 2 left it, in a real WAL file, with rows the migration must not disturb. */
const versionTwoDb = (path: string, rows = 40): Database.Database => {
  const db = track(new Database(path));
  db.pragma('journal_mode = WAL');
  migrate(db, [migration0001, migration0002]);
  const insert = db.prepare(`INSERT INTO images (${IMAGE_COLUMNS.join(', ')}) VALUES (${IMAGE_COLUMNS.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const id = randomUUID();
      insert.run(id, 1_700_000_000_000 + i, `prompt ${i} 🌊`, 'venice-sd35', i % 2 ? 'native' : 'openai', JSON.stringify({ seed: i }),
        '{}', 'png', 64, 64, 100 + i, 'b'.repeat(64), `images/${id}.png`, `thumbs/${id}.webp`, i % 5 === 0 ? 1_700_000_000_123 : null);
    }
    db.prepare("INSERT INTO settings (key, value) VALUES ('language', 'de')").run();
  })();
  return db;
};

const job = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(), created_at: 1, status: 'queued', endpoint: 'openai', request_json: '{}', prompt: 'p',
  may_have_been_charged: 0, attempts: 0, price_usd: null, ...overrides,
});
const insertJob = (db: Database.Database, row: Record<string, unknown>) =>
  db.prepare(`INSERT INTO jobs (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((k) => `@${k}`).join(', ')})`).run(row);

describe('migration 0003-jobs', () => {
  it('is the third entry of the static list', () => {
    expect(ALL_MIGRATIONS[2]).toBe(migration0003);
    expect(migration0003.version).toBe(3);
  });

  it('migrates a version-2 file: every old value byte-identical, new image columns at their defaults, settings kept', () => {
    const path = join(dir, 'lagoon.db');
    const old = versionTwoDb(path);
    const before = snapshot(old);
    old.close();
    const db = track(openDatabase(path));
    expect(readUserVersion(db)).toBeGreaterThanOrEqual(3);
    expect(snapshot(db)).toEqual(before);
    expect(db.prepare('SELECT DISTINCT job_id, blurred, price_usd FROM images').all()).toEqual([{ job_id: null, blurred: 0, price_usd: null }]);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('language')).toEqual({ value: 'de' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('creates STRICT tables and rejects values of the wrong type or outside the rules', () => {
    const db = track(openDatabase(join(dir, 'lagoon.db')));
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('jobs', 'models_cache', 'catalog_meta') ORDER BY name").all();
    expect(strict).toEqual([
      { name: 'catalog_meta', strict: 1 },
      { name: 'jobs', strict: 1 },
      { name: 'models_cache', strict: 1 },
    ]);
    insertJob(db, job());
    const bad = [
      { status: 'bogus' }, { endpoint: 'dall-e' }, { may_have_been_charged: 2 }, { attempts: -1 },
      { price_usd: -0.01 }, { created_at: 'yesterday' }, { prompt: null },
    ];
    for (const override of bad) expect(() => insertJob(db, job(override)), JSON.stringify(override)).toThrow(Database.SqliteError);
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 1 });
    expect(() => db.prepare("INSERT INTO models_cache (id, info_json, position) VALUES ('m', '{}', 'first')").run()).toThrow(Database.SqliteError);
  });

  it("links images to jobs: an unknown job is refused, and deleting a job keeps its images", () => {
    const db = track(openDatabase(join(dir, 'lagoon.db')));
    const jobId = randomUUID();
    insertJob(db, job({ id: jobId }));
    const insertImage = (id: string, job_id: string, blurred = 0) =>
      db.prepare(`INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size,
        sha256, file_name, thumb_name, job_id, blurred) VALUES (?, 1, 'p', 'm', 'openai', '{}', '{}', 'png', 1, 1, 1, ?, ?, ?, ?, ?)`)
        .run(id, 'c'.repeat(64), `images/${id}`, `thumbs/${id}`, job_id, blurred);
    const imageId = randomUUID();
    insertImage(imageId, jobId);
    expect(() => insertImage(randomUUID(), randomUUID())).toThrow(/FOREIGN KEY/);
    expect(() => insertImage(randomUUID(), jobId, 2)).toThrow(Database.SqliteError);
    db.prepare('DELETE FROM jobs WHERE id = ?').run(jobId);
    expect(db.prepare('SELECT job_id FROM images WHERE id = ?').get(imageId)).toEqual({ job_id: null });
  });

  it('serves the job list and the next queued job from their indexes, with no sort step', () => {
    const db = track(openDatabase(join(dir, 'lagoon.db')));
    db.transaction(() => {
      for (let i = 0; i < 300; i++) insertJob(db, job({ created_at: i % 23, status: i % 10 === 0 ? 'queued' : 'done' }));
    })();
    db.exec('ANALYZE');
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    const list = plan(LIST_JOBS_SQL, 50);
    const next = plan(QUEUED_SQL);
    expect(list).toMatch(/SCAN jobs USING INDEX jobs_by_created/);
    expect(next).toMatch(/jobs USING INDEX jobs_queued/);
    expect(list).not.toMatch(/TEMP B-TREE/);
    expect(next).not.toMatch(/TEMP B-TREE/);
  });

  it('is all or nothing: a clash rolls it back to version 2 with the images table untouched', () => {
    const path = join(dir, 'lagoon.db');
    const db = versionTwoDb(path, 5);
    db.exec('CREATE TABLE models_cache (x TEXT)');
    const schemaBefore = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'images'").get();
    expect(() => migrate(db, [migration0001, migration0002, migration0003])).toThrow(/models_cache/);
    expect(readUserVersion(db)).toBe(2);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'images'").get()).toEqual(schemaBefore);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'jobs'").get()).toBeUndefined();
  });

  it('is a no-op when run again', () => {
    const path = join(dir, 'lagoon.db');
    const db = track(openDatabase(path));
    const schema = db.prepare("SELECT name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
    db.close();
    const again = track(openDatabase(path));
    expect(again.prepare("SELECT name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()).toEqual(schema);
  });
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { migration0006 } from '../../src/main/core/db/migrations/0006-search.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { searchImages } from '../../src/main/core/library/search/searchImages.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { databaseFolderPerTest } from './helpers/freshDb.ts';
import { COLLECTION_IDS, insertRows, random, readRows, referenceSearch, syntheticRows, TAGS } from './helpers/searchLibrary.ts';

let dir: string;
const track = databaseFolderPerTest('lagoon-mig6-', (made) => (dir = made));

const versionFive = (): Database.Database => {
  const db = track(new Database(join(dir, 'lagoon.db')));
  db.pragma('foreign_keys = ON');
  migrate(db, ALL_MIGRATIONS.slice(0, 5));
  return db;
};

const OLD_COLUMNS = 'id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name, file_missing_at, job_id, blurred, price_usd, favorite, rating, trashed_at';
const snapshot = (db: Database.Database) => db.prepare(`SELECT ${OLD_COLUMNS} FROM images ORDER BY id`).all();
const keyOrder = (db: Database.Database) => (db.prepare('SELECT id FROM images ORDER BY doc_key').all() as Array<{ id: string }>).map((r) => r.id);
const timeOrder = (db: Database.Database) => (db.prepare('SELECT id FROM images ORDER BY created_at, id').all() as Array<{ id: string }>).map((r) => r.id);

const PROBES: ImageQuery[] = [
  {}, { sort: 'oldest' }, { sort: 'rating' }, { inTrash: true }, { text: 'li' }, { text: 'lighthouse' }, { text: 'blurry' }, { text: 'cinematic' },
  { tags: [TAGS[0]!] }, { text: TAGS[2]! }, { collectionId: COLLECTION_IDS[0]! }, { favorite: true, minRating: 3 }, { aspect: 'portrait', blurred: false },
];

describe('migration 0006: search', () => {
  it('is the sixth entry of the static list', () => {
    expect(ALL_MIGRATIONS[5]).toBe(migration0006);
    expect(migration0006.version).toBe(6);
  });

  it('indexes a version-5 library: keys in (created_at, id) order, every search right, old columns untouched', () => {
    const db = versionFive();
    insertRows(db, syntheticRows(400));
    db.prepare(`UPDATE images SET request_json = 'not json' WHERE id = (SELECT min(id) FROM images)`).run();
    const before = snapshot(db);
    migrate(db, ALL_MIGRATIONS.slice(0, 6));
    expect(readUserVersion(db)).toBe(6);
    expect(snapshot(db)).toEqual(before);
    expect(keyOrder(db)).toEqual(timeOrder(db));
    expect(db.prepare('SELECT count(*) AS n FROM images WHERE doc_key IS NULL').get()).toEqual({ n: 0 });
    const rows = readRowsLenient(db);
    // Today's search reads columns later migrations add: bring the library up to date, as the app would, and search it.
    migrate(db);
    for (const query of PROBES) {
      expect(searchImages(db, query, { limit: 500 }).items.map((i) => i.id), JSON.stringify(query)).toEqual(
        referenceSearch(rows, query).map((r) => r.id),
      );
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('replaces images_by_created with the key indexes and adds the index and its triggers', () => {
    const db = versionFive();
    migrate(db, ALL_MIGRATIONS.slice(0, 6));
    const names = (type: string) =>
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").all(type) as Array<{ name: string }>).map((r) => r.name);
    expect(names('index')).toEqual(expect.arrayContaining(['images_by_doc_key', 'images_live']));
    expect(names('index')).not.toContain('images_by_created');
    expect(names('trigger')).toEqual([
      'collection_images_search_on_delete', 'collection_images_search_on_insert', 'image_tags_search_on_delete', 'image_tags_search_on_insert',
      'images_key_on_created', 'images_key_on_insert', 'images_search_on_delete', 'images_search_on_update',
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'image_search'").get()).toEqual({
      sql: expect.stringMatching(/fts5[\s\S]*content = ''[\s\S]*contentless_delete = 1[\s\S]*detail = column[\s\S]*remove_diacritics 2[\s\S]*prefix = '1 2 3'/),
    });
  });

  it('orders a crowded millisecond (more rows than slots) without failing, both when migrating and when inserting', () => {
    const db = versionFive();
    const crowd = syntheticRows(1100, 5).map((r) => ({ ...r, createdAt: 42, tags: [], collections: [] }));
    insertRows(db, crowd.slice(0, 1050));
    insertRows(db, syntheticRows(5, 6).map((r) => ({ ...r, createdAt: 43, tags: [], collections: [] })));
    migrate(db);
    expect(keyOrder(db)).toEqual(timeOrder(db));
    insertRows(db, crowd.slice(1050));
    const keys = db.prepare('SELECT count(DISTINCT doc_key) AS n, count(*) AS total FROM images').get();
    expect(keys).toEqual({ n: 1105, total: 1105 });
    const seen = new Set<string>();
    for (const inTrash of [false, true]) {
      let cursor: string | null = null;
      do {
        const page = searchImages(db, { inTrash }, { cursor, limit: 500 });
        for (const item of page.items) seen.add(item.id);
        cursor = page.nextCursor;
      } while (cursor);
    }
    expect(seen.size).toBe(1105);
  });

  it('keeps ties inserted in any order in id order, and clamps absurd dates', () => {
    const db = versionFive();
    migrate(db);
    const r = random(8);
    const ties = syntheticRows(40, 9).map((row) => ({ ...row, createdAt: 1_000 + r.int(3), trashedAt: null }));
    insertRows(db, ties);
    expect(keyOrder(db)).toEqual(timeOrder(db));
    const far = { ...syntheticRows(1, 10)[0]!, createdAt: 0, trashedAt: null };
    insertRows(db, [far]);
    db.prepare('UPDATE images SET created_at = ? WHERE id = ?').run(2n ** 62n, far.id);
    expect(searchImages(db, {}).items[0]!.id).toBe(far.id);
    expect(db.prepare('SELECT doc_key >> 10 AS ms FROM images WHERE id = ?').safeIntegers().get(far.id)).toEqual({ ms: 2n ** 53n - 1n });
  });

  it('rolls back completely if it fails, and is a no-op the second time', () => {
    const db = versionFive();
    insertRows(db, syntheticRows(30));
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    const before = snapshot(db);
    const failing = { ...migration0006, up: (d: Database.Database) => (migration0006.up(d), d.exec('SELECT * FROM no_such_table')) };
    expect(() => migrate(db, [...ALL_MIGRATIONS.slice(0, 5), failing])).toThrow(/no such table/);
    expect(readUserVersion(db)).toBe(5);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
    expect(snapshot(db)).toEqual(before);
    migrate(db);
    const after = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    migrate(db);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(after);
  });
});

/** readRows, tolerating the one row whose request is not JSON (it has no negative prompt or style). */
const readRowsLenient = (db: Database.Database) => {
  const broken = db.prepare("SELECT id FROM images WHERE request_json = 'not json'").get() as { id: string } | undefined;
  if (broken) db.prepare("UPDATE images SET request_json = '{}' WHERE id = ?").run(broken.id);
  const rows = readRows(db);
  if (broken) db.prepare("UPDATE images SET request_json = 'not json' WHERE id = ?").run(broken.id);
  return rows;
};

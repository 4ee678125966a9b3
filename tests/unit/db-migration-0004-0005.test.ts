import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { freshDatabases } from './helpers/freshDb.ts';

const freshDb = freshDatabases('lagoon-mig45-');

const insertImage = (db: Database.Database, id: string, endpoint: string, sha = 'a'.repeat(64)) =>
  db
    .prepare(
      `INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name)
       VALUES (?, 1, 'p', 'm', ?, '{}', '{}', 'png', 1, 1, 1, ?, ?, ?)`,
    )
    .run(id, endpoint, sha, `images/${id}.png`, `thumbs/${id}.webp`);

const ID1 = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';

describe('migration 0004: import endpoint + content-hash index', () => {
  it('keeps version-3 rows, admits endpoint "import", still refuses anything else', () => {
    const db = freshDb();
    migrate(db, ALL_MIGRATIONS.slice(0, 3));
    insertImage(db, ID1, 'native');
    expect(() => insertImage(db, ID2, 'import')).toThrow(/CHECK/);
    migrate(db);
    expect(db.prepare('SELECT endpoint FROM images WHERE id = ?').get(ID1)).toEqual({ endpoint: 'native' });
    insertImage(db, ID2, 'import', 'b'.repeat(64));
    expect(() => insertImage(db, '00000000-0000-4000-8000-000000000003', 'dall-e')).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('finds an image by content hash through the index, not a scan', () => {
    const db = freshDb();
    migrate(db);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM images WHERE sha256 = ? LIMIT 1').all('a'.repeat(64)) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX images_by_sha256/);
  });
});

describe('migration 0005: curation and trash', () => {
  it('gives existing rows neutral values and enforces the bounds', () => {
    const db = freshDb();
    migrate(db, ALL_MIGRATIONS.slice(0, 4));
    insertImage(db, ID1, 'openai');
    migrate(db);
    expect(db.prepare('SELECT favorite, rating, trashed_at FROM images').get()).toEqual({ favorite: 0, rating: 0, trashed_at: null });
    expect(() => db.prepare('UPDATE images SET rating = 6').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE images SET favorite = 2').run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO tags (name) VALUES ('')").run()).toThrow(/CHECK/);
  });

  it('drops tags and collection memberships together with their image', () => {
    const db = freshDb();
    migrate(db);
    insertImage(db, ID1, 'openai');
    const tag = db.prepare("INSERT INTO tags (name) VALUES ('Sea')").run().lastInsertRowid;
    db.prepare('INSERT INTO image_tags (tag_id, image_id) VALUES (?, ?)').run(tag, ID1);
    db.prepare("INSERT INTO collections (id, name, created_at) VALUES ('c1', 'Best', 1)").run();
    db.prepare("INSERT INTO collection_images (collection_id, image_id, added_at) VALUES ('c1', ?, 1)").run(ID1);
    expect(() => db.prepare("INSERT INTO tags (name) VALUES ('sea')").run()).toThrow(/UNIQUE/); // names are case-insensitive
    db.prepare('DELETE FROM images WHERE id = ?').run(ID1);
    expect(db.prepare('SELECT count(*) AS n FROM image_tags').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM collection_images').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('finds trashed images for the purge through the partial index', () => {
    const db = freshDb();
    migrate(db);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM images WHERE trashed_at IS NOT NULL AND trashed_at < ?').all(5) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/INDEX images_trashed/);
  });
});

describe('migration 0007: spend index', () => {
  it("sums a day's image prices over that day's rows only, not a scan of every image", () => {
    const db = freshDb();
    migrate(db);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT COALESCE(SUM(price_usd), 0) AS total FROM images WHERE created_at >= ?')
      .all(5) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/INDEX images_by_created_at/);
  });
});

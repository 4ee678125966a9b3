import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { freshDatabases } from './helpers/freshDb.ts';
import { insertRows, random, syntheticRows } from './helpers/searchLibrary.ts';

/**
 * The live-image counts kept in each tag's and collection's row (migration 0014): built from the links already there
 * when a library upgrades, then kept exact by triggers through every kind of write, cascades included.
 */
const freshDb = freshDatabases('lagoon-mig14-');
let db: Database.Database;
beforeEach(() => {
  db = freshDb();
});

/** The counts as they should be, straight from the links and the images. */
const truth = (links: 'image_tags' | 'collection_images', owner: 'tag_id' | 'collection_id') =>
  db
    .prepare(`SELECT l.${owner} AS id, count(*) AS n FROM ${links} AS l JOIN images AS i ON i.id = l.image_id
      WHERE i.trashed_at IS NULL GROUP BY l.${owner} ORDER BY 1`)
    .all();
const kept = (table: 'tags' | 'collections') => db.prepare(`SELECT id, live_images AS n FROM ${table} WHERE live_images <> 0 ORDER BY 1`).all();
const keptCounts = () => ({ tags: kept('tags'), collections: kept('collections') });
const trueCounts = () => ({ tags: truth('image_tags', 'tag_id'), collections: truth('collection_images', 'collection_id') });

describe('migration 0014 (tag and collection counts)', () => {
  it('counts the live images of a library that upgrades, its trash left out', () => {
    migrate(db, ALL_MIGRATIONS.slice(0, 13));
    insertRows(db, syntheticRows(400, 3));
    migrate(db, ALL_MIGRATIONS.slice(0, 14));
    expect(kept('tags').length).toBe(5);
    expect(kept('collections').length).toBeGreaterThan(1);
    const trashedLinks = db.prepare('SELECT count(*) AS n FROM image_tags JOIN images ON id = image_id WHERE trashed_at IS NOT NULL').get() as { n: number };
    expect(trashedLinks.n).toBeGreaterThan(0);
    expect(keptCounts()).toEqual(trueCounts());
  });

  it('stays exact through links, unlinks, trash, restore, purges, a tag dropped and a collection deleted', () => {
    migrate(db);
    insertRows(db, syntheticRows(300, 5));
    expect(keptCounts()).toEqual(trueCounts());
    const r = random(17);
    const ids = (db.prepare('SELECT id FROM images').all() as Array<{ id: string }>).map((row) => row.id);
    const tagIds = (db.prepare('SELECT id FROM tags').all() as Array<{ id: number }>).map((row) => row.id);
    const collectionIds = (db.prepare('SELECT id FROM collections').all() as Array<{ id: string }>).map((row) => row.id);
    const some = (n = 30) => Array.from({ length: n }, () => r.pick(ids));

    const link = db.prepare('INSERT OR IGNORE INTO image_tags (tag_id, image_id) VALUES (?, ?)');
    for (const id of some()) link.run(r.pick(tagIds), id);
    const member = db.prepare('INSERT OR IGNORE INTO collection_images (collection_id, image_id, added_at) VALUES (?, ?, 1)');
    for (const id of some()) member.run(r.pick(collectionIds), id);
    expect(keptCounts()).toEqual(trueCounts());
    const unlink = db.prepare('DELETE FROM image_tags WHERE image_id = ?');
    for (const id of some(10)) unlink.run(id);
    expect(keptCounts()).toEqual(trueCounts());
    const trash = db.prepare('UPDATE images SET trashed_at = 5 WHERE id = ?');
    for (const id of some()) trash.run(id);
    expect(keptCounts()).toEqual(trueCounts());
    // Trashed again (a new date): no change in what is live.
    db.prepare('UPDATE images SET trashed_at = 9 WHERE trashed_at IS NOT NULL AND rowid % 2 = 0').run();
    expect(keptCounts()).toEqual(trueCounts());
    const restore = db.prepare('UPDATE images SET trashed_at = NULL WHERE id = ?');
    for (const id of some()) restore.run(id);
    expect(keptCounts()).toEqual(trueCounts());
    // Purges and a hand-run DELETE: live and trashed images alike, their links going by cascade.
    db.prepare('DELETE FROM images WHERE rowid % 9 = 0').run();
    db.prepare('DELETE FROM images WHERE trashed_at IS NOT NULL AND rowid % 2 = 1').run();
    expect(keptCounts()).toEqual(trueCounts());
    db.prepare('DELETE FROM tags WHERE id = ?').run(tagIds[0]);
    db.prepare('DELETE FROM collections WHERE id = ?').run(collectionIds[0]);
    expect(keptCounts()).toEqual(trueCounts());
    insertRows(db, syntheticRows(40, 9));
    expect(keptCounts()).toEqual(trueCounts());
  });
});

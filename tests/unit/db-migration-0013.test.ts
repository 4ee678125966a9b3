import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { insertRows, random, syntheticRows } from './helpers/searchLibrary.ts';
import { freshDatabases } from './helpers/freshDb.ts';

/**
 * The per-day, per-rating counts of live images that jumps sum (migration 0013): built from the rows already there
 * when a library upgrades, then kept exact by triggers through every kind of write.
 */
const freshDb = freshDatabases('lagoon-mig13-');
let db: Database.Database;
beforeEach(() => {
  db = freshDb();
});

const DAY = 86_400_000;
/** The counts as they should be, straight from the rows. */
const truth = () =>
  db
    .prepare(`SELECT (doc_key >> 10) / ${DAY} AS day, rating, count(*) AS n FROM images WHERE trashed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`)
    .all();
const kept = () => db.prepare('SELECT day, rating, n FROM image_position_counts WHERE n > 0 ORDER BY day, rating').all();
// Spread over about 40 days, several images a day, some trashed (syntheticRows trashes a share).
const spread = (count: number, seed: number) => syntheticRows(count, seed).map((r, i) => ({ ...r, createdAt: 1_700_000_000_000 + i * 7_000_000 }));

describe('migration 0013 (position counts)', () => {
  it('counts the live images of a library that upgrades', () => {
    migrate(db, ALL_MIGRATIONS.slice(0, 12));
    insertRows(db, spread(500, 3));
    migrate(db, ALL_MIGRATIONS.slice(0, 13));
    expect(kept().length).toBeGreaterThan(30);
    expect(kept()).toEqual(truth());
  });

  it('stays exact through inserts, ratings, trash, restore, a changed date and deletes', () => {
    migrate(db);
    insertRows(db, spread(400, 5));
    expect(kept()).toEqual(truth());
    const r = random(11);
    const ids = (db.prepare('SELECT id FROM images').all() as Array<{ id: string }>).map((row) => row.id);
    const some = () => Array.from({ length: 25 }, () => r.pick(ids));
    const each = (sql: string, values: () => unknown[]) => {
      const statement = db.prepare(sql);
      for (const id of some()) statement.run(...values(), id);
    };
    each('UPDATE images SET rating = ? WHERE id = ?', () => [r.int(6)]);
    expect(kept()).toEqual(truth());
    each('UPDATE images SET trashed_at = ? WHERE id = ?', () => [1]);
    expect(kept()).toEqual(truth());
    each('UPDATE images SET trashed_at = NULL WHERE id = ?', () => []);
    expect(kept()).toEqual(truth());
    each('UPDATE images SET created_at = created_at + ? WHERE id = ?', () => [r.int(5) * DAY]);
    expect(kept()).toEqual(truth());
    db.prepare('DELETE FROM images WHERE rowid % 7 = 0').run();
    expect(kept()).toEqual(truth());
    insertRows(db, spread(50, 9).map((row) => ({ ...row, createdAt: row.createdAt + 90 * DAY })));
    expect(kept()).toEqual(truth());
  });
});

import type { Migration } from '../migrate.ts';

/**
 * How many live images each day holds, per rating: what a jump at a million images needs (images.seek). Skipping n
 * entries of an index is a walk of n entries (SQLite has no order-statistic tree), so a drag to the end of a 1M
 * library walked ~1M index entries for newest and oldest, and the rating sort counted every level through FTS: 50 to
 * 350 ms a jump on a loaded machine. With these counts a jump sums at most a few thousand day rows (a day per row and
 * rating), then skips inside one day. Triggers keep them right whoever writes: ingest, rating, trash,
 * restore, purge, a hand-run DELETE. The day is the key's (doc_key >> 10 is the order's millisecond; UTC days: they are
 * buckets, never shown), so the counts
 * follow the grid's order exactly, ties and spilled keys included.
 *
 * The SQL lives here, not in a shared module: a shipped migration must never change.
 */
const DAY = 86_400_000;
const dayOf = (row: string): string => `(${row}.doc_key >> 10) / ${DAY}`;
const isCounted = (row: string): string => `${row}.trashed_at IS NULL AND ${row}.doc_key IS NOT NULL`;
const add = (row: string, delta: 1 | -1): string => `
  INSERT INTO image_position_counts (day, rating, n) SELECT ${dayOf(row)}, ${row}.rating, ${delta} WHERE ${isCounted(row)}
    ON CONFLICT (day, rating) DO UPDATE SET n = n + ${delta};`;

export const migration0013: Migration = {
  version: 13,
  name: 'position-counts',
  up(db) {
    db.exec(`
      CREATE TABLE image_position_counts (
        day    INTEGER NOT NULL,
        rating INTEGER NOT NULL,
        n      INTEGER NOT NULL,
        PRIMARY KEY (day, rating)
      ) STRICT, WITHOUT ROWID;
      -- Rows whose count fell to zero stay (0): deleting them would cost a trigger step on every change and saves nothing.
      INSERT INTO image_position_counts (day, rating, n)
        SELECT ${dayOf('i')}, i.rating, count(*) FROM images AS i WHERE ${isCounted('i')} GROUP BY 1, 2;

      CREATE TRIGGER images_position_on_insert AFTER INSERT ON images BEGIN ${add('NEW', 1)} END;
      CREATE TRIGGER images_position_on_update AFTER UPDATE OF doc_key, rating, trashed_at ON images BEGIN
        ${add('OLD', -1)}
        ${add('NEW', 1)}
      END;
      CREATE TRIGGER images_position_on_delete AFTER DELETE ON images BEGIN ${add('OLD', -1)} END;
    `);
  },
};

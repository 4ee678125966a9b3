import type { Migration } from '../migrate.ts';

/**
 * A tiny placeholder per image (a ThumbHash of its thumbnail, ~25 bytes), sent with every search row so the grid
 * paints a cell's colours the moment the row is known, before its thumbnail arrives. NULL: not computed yet (rows
 * from before this version; a background job fills them, newest first, and can stop anywhere); an empty blob: none
 * can be made (the thumbnail is missing or unreadable), so the job does not try again on every start.
 *
 * The partial index is the job's to-do list in the grid's order: it holds only rows still NULL, so it shrinks to
 * nothing as the job finishes and costs new images a single entry until they get theirs at ingest (they never do
 * get in: ingest stores the placeholder with the row).
 */
export const migration0011: Migration = {
  version: 11,
  name: 'placeholders',
  up(db) {
    db.exec(`
      ALTER TABLE images ADD COLUMN placeholder BLOB;
      CREATE INDEX images_without_placeholder ON images (doc_key) WHERE placeholder IS NULL;
    `);
  },
};

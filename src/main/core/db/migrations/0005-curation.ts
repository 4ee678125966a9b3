import type { Migration } from '../migrate.ts';

/**
 * What a user does with an image after it exists: favorite, rating, tags, manual collections, saved searches, and
 * the trash. Deleting moves to the trash (`trashed_at`); only a purge removes file, thumbnail and row together.
 * Tags and collection memberships cascade away with their image, so a purge leaves no dangling links.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'curation',
  up(db) {
    db.exec(`
      ALTER TABLE images ADD COLUMN favorite INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1));
      ALTER TABLE images ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
      ALTER TABLE images ADD COLUMN trashed_at INTEGER CHECK (trashed_at IS NULL OR trashed_at >= 0);
      -- The purge looks only at trashed rows: a partial index keeps that independent of the library's size.
      CREATE INDEX images_trashed ON images (trashed_at) WHERE trashed_at IS NOT NULL;

      CREATE TABLE tags (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64)
      ) STRICT;
      CREATE TABLE image_tags (
        tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        image_id TEXT    NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        PRIMARY KEY (tag_id, image_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX image_tags_by_image ON image_tags (image_id);

      CREATE TABLE collections (
        id         TEXT    PRIMARY KEY,
        name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE collection_images (
        collection_id TEXT    NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        image_id      TEXT    NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        added_at      INTEGER NOT NULL,
        PRIMARY KEY (collection_id, image_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX collection_images_by_image ON collection_images (image_id);

      CREATE TABLE saved_searches (
        id         TEXT    PRIMARY KEY,
        name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        query_json TEXT    NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

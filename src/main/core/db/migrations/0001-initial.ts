import type { Migration } from '../migrate.ts';

/**
 * The library index. Image bytes live in files under the data folder; a row is inserted only after its image and
 * thumbnail files are durably on disk, so every row points at complete files. STRICT makes SQLite reject a value of
 * the wrong type instead of silently storing it.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE images (
        id            TEXT    PRIMARY KEY,                 -- uuid, also the file name stem
        created_at    INTEGER NOT NULL,                    -- ms since epoch
        prompt        TEXT    NOT NULL,
        model         TEXT    NOT NULL,
        endpoint      TEXT    NOT NULL CHECK (endpoint IN ('openai', 'native')),
        request_json  TEXT    NOT NULL,                    -- the exact body sent to Venice, never the key
        response_json TEXT    NOT NULL,                    -- created, duration, selected headers
        format        TEXT    NOT NULL CHECK (format IN ('png', 'jpeg', 'webp')),
        width         INTEGER NOT NULL CHECK (width > 0),
        height        INTEGER NOT NULL CHECK (height > 0),
        byte_size     INTEGER NOT NULL CHECK (byte_size > 0),
        sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
        file_name     TEXT    NOT NULL UNIQUE,             -- relative to the data folder, '/'-separated
        thumb_name    TEXT    NOT NULL UNIQUE
      ) STRICT;

      -- The library grid pages newest first by keyset (created_at, id); this index serves it without a sort.
      CREATE INDEX images_by_created ON images (created_at DESC, id DESC);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};

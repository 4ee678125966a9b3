import type { Migration } from '../migrate.ts';

/**
 * The generation queue, the cached model catalogue, and what an image owes to the job that made it.
 *
 * A job row is written (status `queued`) before anything is sent, so quitting or crashing never loses a prompt,
 * and a row found `running` at start tells Lagoon a request may have reached Venice: it is failed, never re-sent.
 * `owner_pid` lets the app and the CLI share one library without taking each other's jobs or "recovering" a job
 * another live process is running. `request_json` is the user's JobRequest (the exact body sent is on each image); `prompt` is repeated for the
 * prompt history. The new `images` columns are plain ADD COLUMNs with constant defaults: existing rows are not
 * rewritten, old images simply have no job, are not blurred and have no known price.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id                    TEXT    PRIMARY KEY,        -- uuid
        created_at            INTEGER NOT NULL,           -- ms since epoch
        started_at            INTEGER,
        finished_at           INTEGER,
        status                TEXT    NOT NULL CHECK (status IN
                                ('queued', 'waiting_offline', 'running', 'done', 'failed', 'blocked', 'cancelled')),
        endpoint              TEXT    NOT NULL CHECK (endpoint IN ('openai', 'native')),
        request_json          TEXT    NOT NULL,
        prompt                TEXT    NOT NULL,
        image_ids_json        TEXT    NOT NULL DEFAULT '[]',
        error_json            TEXT,                       -- the AppError payload of a failed/blocked/cancelled job
        may_have_been_charged INTEGER NOT NULL DEFAULT 0 CHECK (may_have_been_charged IN (0, 1)),
        attempts              INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        price_usd             REAL    CHECK (price_usd IS NULL OR price_usd >= 0),
        owner_pid             INTEGER                     -- process that queued or runs it (the app and the CLI share the file)
      ) STRICT;

      -- The queue panel lists newest first; index entries end in the rowid, which breaks ties of one batch.
      CREATE INDEX jobs_by_created ON jobs (created_at);
      -- The scheduler's "next job": oldest queued first. Partial, so finished jobs never slow it down.
      CREATE INDEX jobs_queued ON jobs (created_at) WHERE status = 'queued';
      -- Startup recovery and the waiting list touch only these few rows.
      CREATE INDEX jobs_unfinished ON jobs (status) WHERE status IN ('running', 'waiting_offline');

      ALTER TABLE images ADD COLUMN job_id TEXT REFERENCES jobs (id) ON DELETE SET NULL;
      ALTER TABLE images ADD COLUMN blurred INTEGER NOT NULL DEFAULT 0 CHECK (blurred IN (0, 1));
      ALTER TABLE images ADD COLUMN price_usd REAL CHECK (price_usd IS NULL OR price_usd >= 0);
      CREATE INDEX images_by_job ON images (job_id) WHERE job_id IS NOT NULL;

      CREATE TABLE models_cache (
        id        TEXT    PRIMARY KEY,
        info_json TEXT    NOT NULL,                       -- a ModelInfo
        position  INTEGER NOT NULL                        -- Venice's order
      ) STRICT;

      CREATE TABLE catalog_meta (
        key   TEXT PRIMARY KEY,                           -- fetched_at, styles_json, traits_json
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};

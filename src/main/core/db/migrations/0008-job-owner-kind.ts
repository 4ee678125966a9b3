import type { Migration } from '../migrate.ts';

/**
 * Jobs left behind by an interrupted command are held for the user, never sent by another process on its own.
 *
 * 1. `jobs.status` admits 'interrupted': a job a `lagoon` process queued (or had not yet sent) when it died. It waits
 *    for the user's Run or Discard. Loosening a CHECK keeps every row valid, so the CREATE TABLE text is edited in
 *    place as 0004 does (no rebuild: DROP TABLE jobs would fire images.job_id's ON DELETE SET NULL).
 * 2. `owner_kind` says which kind of process queued the job: 'app' (the app resumes its own queue after a restart, as
 *    it always did) or 'cli'. Rows from before this migration keep NULL, "unknown": the app holds those too when their
 *    process is gone, because an unasked paid request is worse than one extra click.
 * 3. `sent_at` is written when the request is handed to the Venice client. A `running` row of a dead process without
 *    it never left the machine: it was not charged and is not reported as "may have been charged".
 */
export const migration0008: Migration = {
  version: 8,
  name: 'job-owner-kind',
  up(db) {
    const OLD = "('queued', 'waiting_offline', 'running', 'done', 'failed', 'blocked', 'cancelled')";
    const NEW = "('queued', 'waiting_offline', 'running', 'done', 'failed', 'blocked', 'cancelled', 'interrupted')";
    const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'jobs'").get() as { sql: string };
    if (!table.sql.includes(OLD)) throw new Error('jobs.status CHECK not found as expected');
    const version = db.pragma('schema_version', { simple: true }) as number;
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'jobs'").run(table.sql.replace(OLD, NEW));
      db.pragma(`schema_version = ${Math.trunc(version) + 1}`);
      db.pragma('writable_schema = OFF');
    } finally {
      db.unsafeMode(false);
    }
    db.exec(`
      ALTER TABLE jobs ADD COLUMN owner_kind TEXT CHECK (owner_kind IS NULL OR owner_kind IN ('app', 'cli'));
      ALTER TABLE jobs ADD COLUMN sent_at INTEGER;
    `);
  },
};

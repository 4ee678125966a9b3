import type { Migration } from '../migrate.ts';

/**
 * What Venice charged, as a ledger: one row per job, written when the job ends and never changed or removed.
 * "Spent today" used to sum the prices of images still in the library, so deleting an image forever lowered it
 * and a failure that may have been charged never counted.
 *
 * The row is written by a trigger on `jobs`, in the same statement that ends the job, so every way a job ends
 * (the app's queue, the command line, recovery after a crash, quitting mid-request, job kinds added later) is
 * recorded without each of them having to remember it. `kind`: `charged` when Venice answered with images (the
 * job is done, or images were stored before a later step failed); `possibly_charged` when the request may have
 * reached Venice without an answer Lagoon could use (`may_have_been_charged`). A blocked image costs nothing;
 * a job that provably never left is not in the ledger at all. Only a job's end writes a row (done, failed,
 * cancelled), so a job set aside and sent later is counted once, when it ends. The amount is the job's catalogue
 * price at the time it was queued, else the sum of its images' prices (null when the catalogue named none). No
 * foreign key: clearing a job from the queue or purging its images must not touch what was paid.
 *
 * A migration that later rebuilds `jobs` (create, copy, drop, rename) drops this trigger with the old table and
 * must create it again.
 *
 * The same change gives `jobs` a `cleared_at`: the queue panel's "Clear finished" hides finished jobs instead of
 * deleting rows that also carry the prompt history and the image → job link.
 *
 * Existing libraries start the ledger from their finished jobs (those are the charges Lagoon knew of); images
 * made before the queue existed (schema 3) had no price and stay uncounted, as they always were.
 */
const KIND = "CASE WHEN NEW.status = 'done' OR NEW.image_ids_json <> '[]' THEN 'charged' ELSE 'possibly_charged' END";
/** A job queued before the catalogue had loaded has no price; its images carry the one known when they were stored. */
const AMOUNT = '(SELECT COALESCE(NEW.price_usd, SUM(price_usd)) FROM images WHERE job_id = NEW.id)';

export const migration0010: Migration = {
  version: 10,
  name: 'spend-ledger',
  up(db) {
    db.exec(`
      CREATE TABLE spend_ledger (
        job_id     TEXT    PRIMARY KEY,               -- the job that was paid for (it may since have been cleared)
        at         INTEGER NOT NULL,                  -- ms since epoch: when the job ended
        kind       TEXT    NOT NULL CHECK (kind IN ('charged', 'possibly_charged')),
        amount_usd REAL    CHECK (amount_usd IS NULL OR amount_usd >= 0)
      ) STRICT;

      -- Today, this month: ranges over the newest rows.
      CREATE INDEX spend_ledger_by_at ON spend_ledger (at);

      CREATE TRIGGER spend_ledger_on_job_end AFTER UPDATE OF status ON jobs
      WHEN NEW.status <> OLD.status AND NEW.status IN ('done', 'failed', 'cancelled')
        AND (NEW.status = 'done' OR NEW.image_ids_json <> '[]' OR NEW.may_have_been_charged = 1)
      BEGIN
        INSERT INTO spend_ledger (job_id, at, kind, amount_usd)
        VALUES (NEW.id, COALESCE(NEW.finished_at, NEW.started_at, NEW.created_at), ${KIND}, ${AMOUNT})
        -- A charge is never lowered or removed; only "possibly" can become certain.
        ON CONFLICT (job_id) DO UPDATE SET kind = excluded.kind, at = excluded.at, amount_usd = excluded.amount_usd
          WHERE excluded.kind = 'charged' AND spend_ledger.kind = 'possibly_charged';
      END;

      -- "Clear finished" in the queue panel hides a job; the row stays (prompt history, image → job, the ledger).
      ALTER TABLE jobs ADD COLUMN cleared_at INTEGER;

      INSERT INTO spend_ledger (job_id, at, kind, amount_usd)
      SELECT id, COALESCE(finished_at, started_at, created_at),
             CASE WHEN status = 'done' OR image_ids_json <> '[]' THEN 'charged' ELSE 'possibly_charged' END,
             (SELECT COALESCE(jobs.price_usd, SUM(images.price_usd)) FROM images WHERE images.job_id = jobs.id)
      FROM jobs
      WHERE status IN ('done', 'failed', 'cancelled')
        AND (status = 'done' OR image_ids_json <> '[]' OR may_have_been_charged = 1);
    `);
  },
};

import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { migration0010 } from '../../src/main/core/db/migrations/0010-spend-ledger.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { spendSummary } from '../../src/main/core/spend/spendLedger.ts';
import { freshDatabases } from './helpers/freshDb.ts';

const freshDb = freshDatabases('lagoon-mig10-');

type JobSeed = { id: string; status: string; price: number | null; charged?: 0 | 1; imageIds?: string[]; finishedAt?: number };
const insertJob = (db: Database.Database, job: JobSeed) =>
  db
    .prepare(
      `INSERT INTO jobs (id, created_at, finished_at, status, endpoint, request_json, prompt, image_ids_json, may_have_been_charged, price_usd)
       VALUES (?, 1000, ?, ?, 'openai', '{}', 'p', ?, ?, ?)`,
    )
    .run(job.id, job.finishedAt ?? 2000, job.status, JSON.stringify(job.imageIds ?? []), job.charged ?? 0, job.price);
const ledger = (db: Database.Database) => db.prepare('SELECT job_id AS job, kind, amount_usd AS usd, at FROM spend_ledger ORDER BY job_id').all();
const finish = (db: Database.Database, id: string, status: string, extra = '') =>
  db.prepare(`UPDATE jobs SET status = ?, finished_at = 5000 ${extra} WHERE id = ?`).run(status, id);

describe('migration 0010: spend ledger', () => {
  it('is the tenth entry of the static list', () => {
    expect(ALL_MIGRATIONS[9]).toBe(migration0010);
    expect(migration0010.version).toBe(10);
  });

  it("starts the ledger from a version-9 library's finished jobs: done charged, may-have-been-charged apart, nothing else", () => {
    const db = freshDb();
    migrate(db, ALL_MIGRATIONS.slice(0, 9));
    insertJob(db, { id: 'a-done', status: 'done', price: 0.28 });
    insertJob(db, { id: 'b-maybe', status: 'failed', price: 0.01, charged: 1 });
    insertJob(db, { id: 'c-refused', status: 'failed', price: 0.01 });
    insertJob(db, { id: 'd-blocked', status: 'blocked', price: 0 });
    insertJob(db, { id: 'e-cancelled-unsent', status: 'cancelled', price: 0.01 });
    insertJob(db, { id: 'f-queued', status: 'queued', price: 0.01 });
    insertJob(db, { id: 'g-stored-then-failed', status: 'failed', price: 0.04, charged: 1, imageIds: ['x'] });
    migrate(db, ALL_MIGRATIONS.slice(0, 10));
    expect(readUserVersion(db)).toBe(10);
    expect(ledger(db)).toEqual([
      { job: 'a-done', kind: 'charged', usd: 0.28, at: 2000 },
      { job: 'b-maybe', kind: 'possibly_charged', usd: 0.01, at: 2000 },
      { job: 'g-stored-then-failed', kind: 'charged', usd: 0.04, at: 2000 },
    ]);
  });

  it('records each job once when it ends, whoever ends it, and keeps the row when the job or its images go', () => {
    const db = freshDb();
    migrate(db);
    for (const id of ['done', 'maybe', 'unsent', 'blocked']) insertJob(db, { id, status: 'running', price: 0.02 });
    finish(db, 'done', 'done');
    finish(db, 'maybe', 'failed', ', may_have_been_charged = 1');
    finish(db, 'unsent', 'cancelled');
    finish(db, 'blocked', 'blocked', ', price_usd = 0');
    // A second write to an ended job (a late update, a retry of the statement) changes nothing.
    finish(db, 'done', 'failed', ', may_have_been_charged = 1');
    expect(ledger(db)).toEqual([
      { job: 'done', kind: 'charged', usd: 0.02, at: 5000 },
      { job: 'maybe', kind: 'possibly_charged', usd: 0.02, at: 5000 },
    ]);
    db.prepare('DELETE FROM jobs').run();
    expect(ledger(db)).toHaveLength(2);
  });

  it("prices a job queued before the catalogue loaded from its images' prices", () => {
    const db = freshDb();
    migrate(db);
    insertJob(db, { id: 'early', status: 'running', price: null });
    for (const [n, id] of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'].entries()) {
      db.prepare(
        `INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name, job_id, price_usd, doc_key)
         VALUES (?, 1, 'p', 'm', 'native', '{}', '{}', 'png', 1, 1, 1, ?, ?, ?, 'early', 0.07, ?)`,
      ).run(id, String(n).repeat(64), `images/${id}.png`, `thumbs/${id}.webp`, n + 1);
    }
    finish(db, 'early', 'done');
    expect(ledger(db)).toEqual([{ job: 'early', kind: 'charged', usd: 0.14, at: 5000 }]);
  });

  it('sums a period over its own rows through the index', () => {
    const db = freshDb();
    migrate(db);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT SUM(amount_usd) FROM spend_ledger WHERE at >= ?").all(5) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/INDEX spend_ledger_by_at/);
    expect(spendSummary(db, Date.now()).allTime).toEqual({ chargedUsd: 0, possiblyChargedUsd: 0, unpricedJobs: 0 });
  });
});

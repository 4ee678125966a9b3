import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { migration0008 } from '../../src/main/core/db/migrations/0008-job-owner-kind.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { freshDatabases } from './helpers/freshDb.ts';

const freshDb = freshDatabases('lagoon-mig8-');
let db: Database.Database;
beforeEach(() => {
  db = freshDb();
  migrate(db, ALL_MIGRATIONS.slice(0, 7));
});

const JOB = '11111111-1111-4111-8111-111111111111';
const IMAGE = '22222222-2222-4222-8222-222222222222';

describe('migration 0008: job owner kind', () => {
  it('is the eighth entry of the static list', () => {
    expect(ALL_MIGRATIONS[7]).toBe(migration0008);
    expect(migration0008.version).toBe(8);
  });

  it("admits 'interrupted', keeps every job and every image's link to its job, and leaves old owners unknown", () => {
    db.prepare(`INSERT INTO jobs (id, created_at, status, endpoint, request_json, prompt, owner_pid) VALUES (?, 1, 'queued', 'openai', '{}', 'p', 42)`).run(JOB);
    db.prepare(
      `INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name, job_id)
       VALUES (?, 1, 'p', 'm', 'openai', '{}', '{}', 'png', 1, 1, 1, ?, 'images/22/x.png', 'thumbs/22/x.webp', ?)`,
    ).run(IMAGE, 'a'.repeat(64), JOB);
    expect(() => db.prepare(`UPDATE jobs SET status = 'interrupted' WHERE id = ?`).run(JOB)).toThrow(/CHECK/);

    migrate(db, ALL_MIGRATIONS.slice(0, 8));
    expect(readUserVersion(db)).toBe(8);
    expect(db.prepare('SELECT owner_pid, owner_kind, sent_at FROM jobs WHERE id = ?').get(JOB)).toEqual({ owner_pid: 42, owner_kind: null, sent_at: null });
    expect(db.prepare('SELECT job_id FROM images WHERE id = ?').get(IMAGE)).toEqual({ job_id: JOB });
    db.prepare(`UPDATE jobs SET status = 'interrupted', owner_kind = 'cli' WHERE id = ?`).run(JOB);
    expect(() => db.prepare(`UPDATE jobs SET status = 'lost' WHERE id = ?`).run(JOB)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE jobs SET owner_kind = 'daemon' WHERE id = ?`).run(JOB)).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

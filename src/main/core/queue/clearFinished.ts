import type { Database } from 'better-sqlite3';
import { prepared } from '../db/statements.ts';

/**
 * "Clear finished" hides ended jobs from the queue panel instead of deleting them: the rows also carry the prompt
 * history, the link from each image to the job that made it, and the spend ledger's source (migration 0010).
 */
const CLEAR_SQL = `UPDATE jobs SET cleared_at = ?
  WHERE cleared_at IS NULL AND status IN ('done', 'failed', 'blocked', 'cancelled')`;

export const clearFinishedJobs = (db: Database, now: number): number => prepared(db, CLEAR_SQL, 'jobs.clear_finished').run(now).changes;

const MISSING_SQL = `SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM images)`;

/** The ids (of those given) that have no row any more: deleted forever. A trashed image is still there. */
export const missingImages = (db: Database, ids: readonly string[]): string[] =>
  ids.length === 0 ? [] : (prepared(db, MISSING_SQL, 'images.missing').all(JSON.stringify(ids)) as Array<{ id: string }>).map((r) => r.id);

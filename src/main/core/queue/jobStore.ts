import type { Database } from 'better-sqlite3';
import { joinSql, prepared, preparedSql, sql, trustedSql } from '../db/statements.ts';
import type { AppErrorPayload } from '../../../shared/errors.ts';
import type { Job, JobRequest, JobStatus } from '../../../shared/ipc/schemas/jobs.ts';
import type { JobOwner, OwnerKind } from './ownership.ts';

/** SQL for the `jobs` table. Every status change names the statuses it may leave, so two racing changes cannot both win. */

interface JobRow {
  id: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  status: JobStatus;
  request_json: string;
  image_ids_json: string;
  error_json: string | null;
  may_have_been_charged: 0 | 1;
  attempts: number;
  price_usd: number | null;
  owner_pid: number | null;
  owner_kind: OwnerKind | null;
}

const COLUMNS =
  'id, created_at, started_at, finished_at, status, request_json, image_ids_json, error_json, may_have_been_charged, attempts, price_usd, owner_pid, owner_kind';

const toJob = (row: JobRow): Job => ({
  id: row.id,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  status: row.status,
  // Only Lagoon writes these columns, from values that passed the contract's schemas.
  request: JSON.parse(row.request_json) as JobRequest,
  imageIds: JSON.parse(row.image_ids_json) as string[],
  error: row.error_json === null ? null : (JSON.parse(row.error_json) as AppErrorPayload),
  mayHaveBeenCharged: row.may_have_been_charged === 1,
  attempts: row.attempts,
  priceUsd: row.price_usd,
});

const INSERT_JOB_SQL = `INSERT INTO jobs (id, created_at, status, endpoint, request_json, prompt, price_usd, owner_pid, owner_kind)
  VALUES (@id, @createdAt, @status, @endpoint, @requestJson, @prompt, @priceUsd, @ownerPid, @ownerKind)`;

export const insertJobs = (db: Database, jobs: readonly Job[], owner: { pid: number; kind: OwnerKind }): void => {
  const insert = prepared(db, INSERT_JOB_SQL, 'jobs.insert');
  db.transaction(() => {
    for (const job of jobs) {
      insert.run({
        id: job.id,
        createdAt: job.createdAt,
        status: job.status,
        endpoint: job.request.endpoint,
        requestJson: JSON.stringify(job.request),
        prompt: job.request.prompt,
        priceUsd: job.priceUsd,
        ownerPid: owner.pid,
        ownerKind: owner.kind,
      });
    }
  }).immediate();
};

const GET_JOB_SQL = `SELECT ${COLUMNS} FROM jobs WHERE id = ?`;

export const getJob = (db: Database, id: string): Job | null => {
  const row = prepared(db, GET_JOB_SQL, 'jobs.get').get(id) as JobRow | undefined;
  return row ? toJob(row) : null;
};

/** Newest first; jobs of one batch share a timestamp, so the rowid keeps their order stable. */
// Jobs the user cleared from the queue panel (migration 0010) are left out; their rows stay.
export const LIST_JOBS_SQL = `SELECT ${COLUMNS} FROM jobs WHERE cleared_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT ?`;
export const QUEUED_SQL = `SELECT ${COLUMNS} FROM jobs WHERE status = 'queued' ORDER BY created_at, rowid`;

export const listJobs = (db: Database, limit: number): Job[] => (prepared(db, LIST_JOBS_SQL, 'jobs.list').all(limit) as JobRow[]).map(toJob);

type OwnerFilter = (owner: JobOwner) => boolean;

const ownerOf = (row: JobRow): JobOwner => ({ pid: row.owner_pid, kind: row.owner_kind });

/** The oldest queued job this process may run (another live process's jobs are left to it). */
export const nextQueued = (db: Database, mayRun: OwnerFilter): Job | null => {
  for (const row of prepared(db, QUEUED_SQL, 'jobs.queued').iterate() as IterableIterator<JobRow>) {
    if (mayRun(ownerOf(row))) return toJob(row);
  }
  return null;
};

export const jobsWithStatus = (db: Database, statuses: readonly JobStatus[], owned: OwnerFilter = () => true): Job[] =>
  (preparedSql(db, sql`SELECT ${trustedSql(COLUMNS)} FROM jobs WHERE status IN (${statuses}) ORDER BY created_at, rowid`, 'jobs.with_status').all() as JobRow[])
    .filter((row) => owned(ownerOf(row)))
    .map(toJob);

export interface JobPatch {
  status?: JobStatus;
  startedAt?: number | null;
  finishedAt?: number | null;
  imageIds?: readonly string[];
  error?: AppErrorPayload | null;
  mayHaveBeenCharged?: boolean;
  attempts?: number;
  priceUsd?: number | null;
  ownerPid?: number;
  ownerKind?: OwnerKind;
  /** When the request was handed to the Venice client (null again when the job goes back in line). */
  sentAt?: number | null;
}

const columnValues = (patch: JobPatch): Record<string, unknown> => ({
  ...(patch.status !== undefined ? { status: patch.status } : {}),
  ...(patch.startedAt !== undefined ? { started_at: patch.startedAt } : {}),
  ...(patch.finishedAt !== undefined ? { finished_at: patch.finishedAt } : {}),
  ...(patch.imageIds !== undefined ? { image_ids_json: JSON.stringify(patch.imageIds) } : {}),
  ...(patch.error !== undefined ? { error_json: patch.error === null ? null : JSON.stringify(patch.error) } : {}),
  ...(patch.mayHaveBeenCharged !== undefined ? { may_have_been_charged: patch.mayHaveBeenCharged ? 1 : 0 } : {}),
  ...(patch.attempts !== undefined ? { attempts: patch.attempts } : {}),
  ...(patch.priceUsd !== undefined ? { price_usd: patch.priceUsd } : {}),
  ...(patch.ownerPid !== undefined ? { owner_pid: patch.ownerPid } : {}),
  ...(patch.ownerKind !== undefined ? { owner_kind: patch.ownerKind } : {}),
  ...(patch.sentAt !== undefined ? { sent_at: patch.sentAt } : {}),
});

/** Applies `patch` only while the job is in one of `from`; returns the updated job, or null if it had moved on. */
export const updateJob = (db: Database, id: string, from: readonly JobStatus[], patch: JobPatch): Job | null => {
  // Column names come from columnValues' fixed keys; every value travels as a parameter.
  const sets = joinSql(Object.entries(columnValues(patch)).map(([column, value]) => sql`${trustedSql(column)} = ${value}`), ', ');
  const changed = preparedSql(db, sql`UPDATE jobs SET ${sets} WHERE id = ${id} AND status IN (${from})`, 'jobs.update').run();
  return changed.changes === 1 ? getJob(db, id) : null;
};

/** Images a job stored, in the order they were stored (also what a crashed job left behind). */
export const imageIdsOfJob = (db: Database, jobId: string): string[] =>
  (prepared(db, 'SELECT id FROM images WHERE job_id = ? ORDER BY created_at, rowid', 'jobs.image_ids').all(jobId) as Array<{ id: string }>).map((r) => r.id);

/** Distinct prompts, most recently used first. */
export const recentPrompts = (db: Database, limit: number): Array<{ prompt: string; lastUsedAt: number }> =>
  prepared(db, 'SELECT prompt, MAX(created_at) AS lastUsedAt FROM jobs GROUP BY prompt ORDER BY lastUsedAt DESC, prompt LIMIT ?', 'jobs.recent_prompts').all(limit) as Array<{
    prompt: string;
    lastUsedAt: number;
  }>;

export const jobOwner = (db: Database, id: string): JobOwner => {
  const row = prepared(db, 'SELECT owner_pid AS pid, owner_kind AS kind FROM jobs WHERE id = ?', 'jobs.owner').get(id) as JobOwner | undefined;
  return row ?? { pid: null, kind: null };
};

const DONE_FOR_PROMPT_SQL = `SELECT request_json FROM jobs AS j WHERE status = 'done' AND prompt = ?
  AND EXISTS (SELECT 1 FROM images AS i WHERE i.job_id = j.id AND i.trashed_at IS NULL)`;

/** The requests of finished jobs with this prompt whose images are still in the library (not in the trash). */
export const doneRequestsFor = (db: Database, prompt: string): JobRequest[] =>
  (prepared(db, DONE_FOR_PROMPT_SQL, 'jobs.done_for_prompt').all(prompt) as Array<{ request_json: string }>).map(
    (row) => JSON.parse(row.request_json) as JobRequest,
  );

/** Whether the job's request was ever handed to the Venice client (a `running` row of a dead process may not have been). */
export const wasSent = (db: Database, id: string): boolean =>
  (prepared(db, 'SELECT sent_at AS sentAt FROM jobs WHERE id = ?', 'jobs.sent_at').get(id) as { sentAt: number | null } | undefined)?.sentAt != null;

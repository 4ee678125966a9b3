import type { Database, Statement } from 'better-sqlite3';
import type { ImageEndpoint, ImageFormat } from '../../../shared/veniceFacts.ts';
import type { ListCursor } from './cursor.ts';

/** One `images` row, with columns renamed to camelCase by the SELECTs below. */
export interface ImageRow {
  id: string;
  createdAt: number;
  prompt: string;
  model: string;
  endpoint: ImageEndpoint;
  requestJson: string;
  responseJson: string;
  format: ImageFormat;
  width: number;
  height: number;
  byteSize: number;
  sha256: string;
  fileName: string;
  thumbName: string;
  /** The generation job that made it (null for images from before the queue, or imported). */
  jobId: string | null;
  /** SQLite has no boolean: 0 or 1. */
  blurred: 0 | 1;
  priceUsd: number | null;
}

export type ImageListRow = Pick<ImageRow, 'id' | 'createdAt' | 'prompt' | 'model' | 'width' | 'height' | 'format' | 'blurred'>;

const LIST_COLUMNS = 'id, created_at AS createdAt, prompt, model, width, height, format, blurred';

/** Exported so the migration test can assert their query plans use `images_by_created` with no sort step. */
export const LIST_FIRST_PAGE_SQL = `SELECT ${LIST_COLUMNS} FROM images ORDER BY created_at DESC, id DESC LIMIT ?`;
export const LIST_AFTER_CURSOR_SQL =
  `SELECT ${LIST_COLUMNS} FROM images WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`;

const INSERT_IMAGE_SQL = `INSERT INTO images
  (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name,
   job_id, blurred, price_usd)
  VALUES (@id, @createdAt, @prompt, @model, @endpoint, @requestJson, @responseJson, @format, @width, @height, @byteSize, @sha256, @fileName,
   @thumbName, @jobId, @blurred, @priceUsd)`;

const GET_IMAGE_SQL = `SELECT id, created_at AS createdAt, prompt, model, endpoint, request_json AS requestJson,
  response_json AS responseJson, format, width, height, byte_size AS byteSize, sha256, file_name AS fileName,
  thumb_name AS thumbName, job_id AS jobId, blurred, price_usd AS priceUsd FROM images WHERE id = ?`;

const GET_SETTING_SQL = 'SELECT value FROM settings WHERE key = ?';
const SET_SETTING_SQL = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

// Preparing is the costly part of a small query; statements live as long as their connection and no longer.
const statementCache = new WeakMap<Database, Map<string, Statement>>();

const prepared = (db: Database, sql: string): Statement => {
  let perDb = statementCache.get(db);
  if (!perDb) {
    perDb = new Map();
    statementCache.set(db, perDb);
  }
  let statement = perDb.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    perDb.set(sql, statement);
  }
  return statement;
};

/** The columns added with the queue (migration 3) default like the migration's: no job, not blurred, no price. */
export type ImageInsert = Omit<ImageRow, 'jobId' | 'blurred' | 'priceUsd'> & Partial<Pick<ImageRow, 'jobId' | 'blurred' | 'priceUsd'>>;

export const insertImage = (db: Database, row: ImageInsert): void => {
  prepared(db, INSERT_IMAGE_SQL).run({ jobId: null, blurred: 0, priceUsd: null, ...row });
};

export const getImageRow = (db: Database, id: string): ImageRow | undefined =>
  prepared(db, GET_IMAGE_SQL).get(id) as ImageRow | undefined;

/** Newest first; `after` continues strictly past the last row of the previous page, so inserts never shift pages. */
export const listImages = (db: Database, opts: { after: ListCursor | null; limit: number }): ImageListRow[] =>
  (opts.after
    ? prepared(db, LIST_AFTER_CURSOR_SQL).all(opts.after.createdAt, opts.after.id, opts.limit)
    : prepared(db, LIST_FIRST_PAGE_SQL).all(opts.limit)) as ImageListRow[];

export const getSetting = (db: Database, key: string): string | null =>
  (prepared(db, GET_SETTING_SQL).get(key) as { value: string } | undefined)?.value ?? null;

export const setSetting = (db: Database, key: string, value: string): void => {
  prepared(db, SET_SETTING_SQL).run(key, value);
};

import type { Database } from 'better-sqlite3';
import type { ImageEndpoint, ImageFormat } from '../../../shared/veniceFacts.ts';
import { prepared } from '../db/statements.ts';
import { compareNames } from './compareNames.ts';

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
  /** ThumbHash of the thumbnail (migration 0011); null: not made yet; empty: none can be made. */
  placeholder: Buffer | null;
}

/** What the grid shows of an image (ImageSummary before mapping); SQLite has no boolean, so flags are 0 or 1. */
export interface ImageSummaryRow
  extends Pick<ImageRow, 'id' | 'createdAt' | 'prompt' | 'model' | 'width' | 'height' | 'format' | 'blurred' | 'placeholder'> {
  favorite: 0 | 1;
  rating: number;
  trashedAt: number | null;
  fileMissing: 0 | 1;
}

/** A whole stored image as `images.get` reads it back. */
export type ImageRecord = ImageRow & ImageSummaryRow;

/** The ImageSummaryRow columns of `images AS <alias>`, for every query that lists images. */
export const summaryColumns = (alias: string): string =>
  `${alias}.id, ${alias}.created_at AS createdAt, ${alias}.prompt, ${alias}.model, ${alias}.width, ${alias}.height, ${alias}.format, ` +
  `${alias}.blurred, ${alias}.favorite, ${alias}.rating, ${alias}.trashed_at AS trashedAt, (${alias}.file_missing_at IS NOT NULL) AS fileMissing, ` +
  `${alias}.placeholder`;

const INSERT_IMAGE_SQL = `INSERT INTO images
  (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name,
   job_id, blurred, price_usd, placeholder)
  VALUES (@id, @createdAt, @prompt, @model, @endpoint, @requestJson, @responseJson, @format, @width, @height, @byteSize, @sha256, @fileName,
   @thumbName, @jobId, @blurred, @priceUsd, @placeholder)`;

const GET_IMAGE_SQL = `SELECT ${summaryColumns('i')}, i.endpoint, i.request_json AS requestJson, i.response_json AS responseJson,
  i.byte_size AS byteSize, i.sha256, i.file_name AS fileName, i.thumb_name AS thumbName, i.job_id AS jobId, i.price_usd AS priceUsd
  FROM images AS i WHERE i.id = ?`;
const IMAGE_TAGS_SQL = 'SELECT t.name FROM image_tags AS it JOIN tags AS t ON t.id = it.tag_id WHERE it.image_id = ?';
const IMAGE_COLLECTIONS_SQL = `SELECT c.id, c.name FROM collection_images AS ci JOIN collections AS c ON c.id = ci.collection_id
  WHERE ci.image_id = ?`;

const GET_SETTING_SQL = 'SELECT value FROM settings WHERE key = ?';
const SET_SETTING_SQL = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

/** Columns added after the first schema default like their migrations: no job, not blurred, no price, no placeholder yet. */
export type ImageInsert = Omit<ImageRow, 'jobId' | 'blurred' | 'priceUsd' | 'placeholder'> &
  Partial<Pick<ImageRow, 'jobId' | 'blurred' | 'priceUsd' | 'placeholder'>>;

export const insertImage = (db: Database, row: ImageInsert): void => {
  prepared(db, INSERT_IMAGE_SQL).run({ jobId: null, blurred: 0, priceUsd: null, placeholder: null, ...row });
};

export const getImageRow = (db: Database, id: string): ImageRecord | undefined =>
  prepared(db, GET_IMAGE_SQL).get(id) as ImageRecord | undefined;

export const getImageTags = (db: Database, id: string): string[] =>
  (prepared(db, IMAGE_TAGS_SQL).all(id) as Array<{ name: string }>).map((r) => r.name).toSorted(compareNames);

export const getImageCollections = (db: Database, id: string): Array<{ id: string; name: string }> =>
  (prepared(db, IMAGE_COLLECTIONS_SQL).all(id) as Array<{ id: string; name: string }>).toSorted((a, b) => compareNames(a.name, b.name) || compareNames(a.id, b.id));

export const getSetting = (db: Database, key: string): string | null =>
  (prepared(db, GET_SETTING_SQL).get(key) as { value: string } | undefined)?.value ?? null;

export const setSetting = (db: Database, key: string, value: string): void => {
  prepared(db, SET_SETTING_SQL).run(key, value);
};

import type { Database } from 'better-sqlite3';
import { prepared } from '../../db/statements.ts';
import type { KeyParts, KeyRange } from './docKey.ts';

/**
 * The statements that find the n-th image of a sort without reading the n before it into JS: each skips inside
 * SQLite over a covering index (`images_live`: doc_key only) or an FTS5 doclist (rowids only), so no row is fetched.
 * Exported so the tests can assert their plans.
 */
const liveNth = (direction: 'ASC' | 'DESC') => `SELECT doc_key >> 10 AS ms, doc_key & 1023 AS slot FROM images INDEXED BY images_live
  WHERE trashed_at IS NULL AND doc_key BETWEEN ? AND ? ORDER BY doc_key ${direction} LIMIT 1 OFFSET ?`;
const matchedNth = (direction: 'ASC' | 'DESC') => `SELECT rowid >> 10 AS ms, rowid & 1023 AS slot FROM image_search
  WHERE image_search MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid ${direction} LIMIT 1 OFFSET ?`;

export const LIVE_NTH_NEWEST_SQL = liveNth('DESC');
export const LIVE_NTH_OLDEST_SQL = liveNth('ASC');
export const MATCH_NTH_NEWEST_SQL = matchedNth('DESC');
export const MATCH_NTH_OLDEST_SQL = matchedNth('ASC');

export const nthLive = (db: Database, range: KeyRange, newestFirst: boolean, n: number): KeyParts | null =>
  (prepared(db, newestFirst ? LIVE_NTH_NEWEST_SQL : LIVE_NTH_OLDEST_SQL).get(range.low, range.high, n) as KeyParts | undefined) ?? null;

export const nthMatched = (db: Database, match: string, range: KeyRange, newestFirst: boolean, n: number): KeyParts | null =>
  (prepared(db, newestFirst ? MATCH_NTH_NEWEST_SQL : MATCH_NTH_OLDEST_SQL).get(match, range.low, range.high, n) as KeyParts | undefined) ??
  null;

import type { Database } from 'better-sqlite3';
import { prepared } from '../../db/statements.ts';
import { type ImageSummaryRow, summaryColumns } from '../imageQueries.ts';
import { keyColumns, type KeyParts, type KeyRange } from './docKey.ts';

/**
 * Every query shape the grid and the search box run. Each takes an inclusive doc_key range [low, high] (the date
 * filter and the cursor, folded together by the caller) and a LIMIT; each is exported so the tests can assert its
 * query plan: FTS-driven with the rowid order consumed by FTS5, or the `images_live` partial index, never a sort.
 */
export type KeyedRow = ImageSummaryRow & { keyMs: number; keySlot: number };
/** A candidate to check against the user's words: the other searchable texts come along (see collectMatches.ts). */
export type TextRow = KeyedRow & { enhanced: string | null; negative: string | null; style: string | null; tagNames: string | null };

const COLUMNS = `${summaryColumns('i')}, ${keyColumns('i')}`;
const requestText = (field: string) =>
  `CASE WHEN json_valid(i.request_json) AND json_type(i.request_json, '$.${field}') = 'text' THEN json_extract(i.request_json, '$.${field}') END`;
/** The prompt Venice's enhancer wrote (migration 0012 indexes it with the prompt). */
const ENHANCED = `CASE WHEN json_valid(i.response_json) AND json_type(i.response_json, '$.enhancedPrompt') = 'text'
  THEN json_extract(i.response_json, '$.enhancedPrompt') END`;
const TEXT_COLUMNS = `${COLUMNS}, ${ENHANCED} AS enhanced, ${requestText('negative_prompt')} AS negative, ${requestText('style_preset')} AS style,
  (SELECT group_concat(t.name, ' ') FROM image_tags AS it JOIN tags AS t ON t.id = it.tag_id WHERE it.image_id = i.id) AS tagNames`;

// CROSS JOIN pins FTS5 as the outer loop: matches stream out in rowid (= doc_key) order and stop at the LIMIT.
const matched = (direction: 'ASC' | 'DESC', columns = COLUMNS) => `SELECT ${columns} FROM image_search AS s CROSS JOIN images AS i
  ON i.doc_key = s.rowid WHERE s.image_search MATCH ? AND s.rowid BETWEEN ? AND ? ORDER BY s.rowid ${direction} LIMIT ?`;
// INDEXED BY: images_by_doc_key gives the same order at the same estimated cost, but walks trashed rows too.
const live = (direction: 'ASC' | 'DESC') => `SELECT ${COLUMNS} FROM images AS i INDEXED BY images_live
  WHERE i.trashed_at IS NULL AND i.doc_key BETWEEN ? AND ? ORDER BY i.doc_key ${direction} LIMIT ?`;

export const MATCH_NEWEST_SQL = matched('DESC');
export const MATCH_OLDEST_SQL = matched('ASC');
export const LIVE_NEWEST_SQL = live('DESC');
export const LIVE_OLDEST_SQL = live('ASC');
export const CANDIDATES_NEWEST_SQL = matched('DESC', TEXT_COLUMNS);
export const CANDIDATES_OLDEST_SQL = matched('ASC', TEXT_COLUMNS);
export const COUNT_MATCH_SQL = 'SELECT count(*) AS n FROM image_search WHERE image_search MATCH ? AND rowid BETWEEN ? AND ?';
// Without INDEXED BY the planner prefers a scan of the whole table for an open range (measured: 0.5 s vs 30 ms at 1M rows).
export const COUNT_LIVE_SQL = 'SELECT count(*) AS n FROM images INDEXED BY images_live WHERE trashed_at IS NULL AND doc_key BETWEEN ? AND ?';

export const selectMatched = (db: Database, match: string, range: KeyRange, newestFirst: boolean, limit: number): KeyedRow[] =>
  prepared(db, newestFirst ? MATCH_NEWEST_SQL : MATCH_OLDEST_SQL).all(match, range.low, range.high, limit) as KeyedRow[];

/** Streams candidates lazily: the caller stops reading once its page is full or its budget is spent. */
export const iterateCandidates = (db: Database, match: string, range: KeyRange, newestFirst: boolean, limit: number): IterableIterator<TextRow> =>
  prepared(db, newestFirst ? CANDIDATES_NEWEST_SQL : CANDIDATES_OLDEST_SQL).iterate(match, range.low, range.high, limit) as IterableIterator<TextRow>;

export const selectLive = (db: Database, range: KeyRange, newestFirst: boolean, limit: number): KeyedRow[] =>
  prepared(db, newestFirst ? LIVE_NEWEST_SQL : LIVE_OLDEST_SQL).all(range.low, range.high, limit) as KeyedRow[];

export const countMatched = (db: Database, match: string, range: KeyRange): number =>
  (prepared(db, COUNT_MATCH_SQL).get(match, range.low, range.high) as { n: number }).n;

export const countLive = (db: Database, range: KeyRange): number => (prepared(db, COUNT_LIVE_SQL).get(range.low, range.high) as { n: number }).n;

export const keyOf = (row: KeyedRow): KeyParts => ({ ms: row.keyMs, slot: row.keySlot });

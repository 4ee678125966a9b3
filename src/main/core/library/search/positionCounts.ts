import type { Database } from 'better-sqlite3';
import { prepared } from '../../db/statements.ts';
import { type KeyParts, type KeyRange, keyRangeOf } from './docKey.ts';
import { countLive } from './searchQueries.ts';
import { nthLive } from './seekQueries.ts';

/**
 * Jumps through the live library's per-day counts (migration 0013): which day holds the n-th image of a walk is a
 * sum over a few thousand count rows, and only that day's entries are skipped. For the live library without a date
 * filter, in any order; a date filter or any other filter goes through seekPosition's skips, which walk the match.
 */
const DAY = 86_400_000;
const DAYS_NEWEST_SQL = 'SELECT day, sum(n) AS n FROM image_position_counts GROUP BY day HAVING sum(n) > 0 ORDER BY day DESC';
const DAYS_OLDEST_SQL = 'SELECT day, sum(n) AS n FROM image_position_counts GROUP BY day HAVING sum(n) > 0 ORDER BY day ASC';
const LEVELS_SQL = 'SELECT rating, sum(n) AS n FROM image_position_counts GROUP BY rating';
const LEVEL_DAYS_SQL = 'SELECT day, n FROM image_position_counts WHERE rating = ? AND n > 0 ORDER BY day DESC';
const DAYS_TOTAL_SQL = 'SELECT coalesce(sum(n), 0) AS n FROM image_position_counts WHERE day BETWEEN ? AND ?';
/**
 * The n-th image of one rating inside one day, newest first: the day's entries of images_live with each row's rating
 * read from the table (a day holds a few thousand images at most). The FTS level walk gives the same order, but
 * opening a rating's doclist (most images have rating 0) costs tens of milliseconds whatever the range.
 */
export const RATED_NTH_SQL = `SELECT doc_key >> 10 AS ms, doc_key & 1023 AS slot FROM images INDEXED BY images_live
  WHERE trashed_at IS NULL AND doc_key BETWEEN ? AND ? AND rating = ? ORDER BY doc_key DESC LIMIT 1 OFFSET ?`;

interface DayCount {
  day: number;
  n: number;
}

const WHOLE = keyRangeOf(undefined, undefined)!;

/** True when the range is the whole order (no date filter): the counts cover exactly it. */
export const isWholeRange = (range: KeyRange): boolean => range.low === WHOLE.low && range.high === WHOLE.high;

const dayRange = (day: number): KeyRange => keyRangeOf(day * DAY, (day + 1) * DAY - 1)!;
/** The UTC day a key falls in, as migration 0013 buckets it (keys of images before 1970 clamp to day 0). */
const dayOfKey = (key: bigint): number => Math.max(0, Math.floor(Number(key >> 10n) / DAY));

/** The day holding the n-th image of `days` (in their order) and how many of that day come before it. */
const locate = (days: Iterable<DayCount>, n: number): { day: number; left: number } | null => {
  let left = n;
  for (const { day, n: count } of days) {
    if (left < count) return { day, left };
    left -= count;
  }
  return null;
};

/**
 * How many live images lie in `range`: the whole days inside it from their counts, the partial days at its ends
 * through the live index. The same number countLive gives, without walking a million index entries (at 1M images
 * with a cold page cache: 0.3 s on main's thread, ahead of the grid's first thumbnails). Day 0 is always counted
 * through the index: SQLite's division rounds toward zero, so it would also hold any image dated before 1970.
 */
export const countLiveByDay = (db: Database, range: KeyRange): number => {
  const lowDay = dayOfKey(range.low);
  const highDay = dayOfKey(range.high);
  const firstWhole = Math.max(1, dayRange(lowDay).low === range.low ? lowDay : lowDay + 1);
  const lastWhole = dayRange(highDay).high === range.high ? highDay : highDay - 1;
  if (firstWhole > lastWhole) return countLive(db, range);
  const head = dayRange(firstWhole).low - 1n;
  const tail = dayRange(lastWhole).high + 1n;
  const whole = (prepared(db, DAYS_TOTAL_SQL).get(firstWhole, lastWhole) as { n: number }).n;
  return (range.low <= head ? countLive(db, { low: range.low, high: head }) : 0) + whole + (tail <= range.high ? countLive(db, { low: tail, high: range.high }) : 0);
};

/** The n-th live image (0-based) newest or oldest first. */
export const nthLiveByDay = (db: Database, newestFirst: boolean, n: number): KeyParts | null => {
  const at = locate(prepared(db, newestFirst ? DAYS_NEWEST_SQL : DAYS_OLDEST_SQL).iterate() as Iterable<DayCount>, n);
  return at ? nthLive(db, dayRange(at.day), newestFirst, at.left) : null;
};

/** The n-th live image of the rating sort (best first, then newest): the level from its count, the day inside it. */
export const nthRatedByDay = (db: Database, n: number): { rating: number; key: KeyParts } | null => {
  const levels = new Map((prepared(db, LEVELS_SQL).all() as Array<{ rating: number; n: number }>).map((l) => [l.rating, l.n]));
  let left = n;
  for (let rating = 5; rating >= 0; rating--) {
    const inLevel = levels.get(rating) ?? 0;
    if (left < inLevel) {
      const at = locate(prepared(db, LEVEL_DAYS_SQL).iterate(rating) as Iterable<DayCount>, left);
      if (!at) return null;
      const range = dayRange(at.day);
      const key = prepared(db, RATED_NTH_SQL).get(range.low, range.high, rating, at.left) as KeyParts | undefined;
      return key ? { rating, key } : null;
    }
    left -= inLevel;
  }
  return null;
};

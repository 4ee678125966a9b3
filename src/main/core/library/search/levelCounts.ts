import type { Database } from 'better-sqlite3';
import type { KeyRange } from './docKey.ts';
import { type MatchParts, matchExpression } from './matchExpression.ts';
import { prepared } from '../../db/statements.ts';
import { countMatched } from './searchQueries.ts';

/**
 * How many images each rating level of a query holds, remembered until the library changes. A scrollbar drag in the
 * rating sort seeks dozens of times with the same query, and each seek needs the levels above its position: five
 * FTS counts (measured at 1M: ~100 ms together), the same answer every time until a row changes. Hand-written: the
 * staleness test is SQLite's own (data_version for other connections, total_changes() for this one, triggers
 * included), which no general cache knows about.
 */
interface Remembered {
  stamp: string;
  levels: Map<string, number>;
}

const byDb = new WeakMap<Database, Remembered>();
/** Distinct queries remembered per library: a drag uses one; typing produces a few. */
const LIMIT = 64;

const STAMP_SQL = 'SELECT (SELECT data_version FROM pragma_data_version) AS version, total_changes() AS changes';

const stampOf = (db: Database): string => {
  const { version, changes } = prepared(db, STAMP_SQL).get() as {
    version: number;
    changes: number;
  };
  return `${version}:${changes}`;
};

/** The count of one rating level of `parts` in `range`; `rating` is the level. */
export const levelCount = (db: Database, parts: MatchParts, rating: number, range: KeyRange): number => {
  const stamp = stampOf(db);
  let remembered = byDb.get(db);
  if (remembered?.stamp !== stamp) {
    remembered = { stamp, levels: new Map() };
    byDb.set(db, remembered);
  }
  const expression = matchExpression({ ...parts, rating });
  const key = `${expression}|${range.low}|${range.high}`;
  const known = remembered.levels.get(key);
  if (known !== undefined) return known;
  const count = countMatched(db, expression, range);
  if (remembered.levels.size >= LIMIT) remembered.levels.delete(remembered.levels.keys().next().value!);
  remembered.levels.set(key, count);
  return count;
};

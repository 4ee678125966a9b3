import type { Database } from 'better-sqlite3';
import { joinKey, type KeyRange, rangeAfter } from './docKey.ts';
import { type MatchParts, matchExpression } from './matchExpression.ts';
import { iterateCandidates, type KeyedRow, keyOf, selectMatched, type TextRow } from './searchQueries.ts';
import { hasTermWord, needsCheck, positiveTerms, type QueryTerm, type SearchWords, streamablePrefix } from './searchText.ts';

/**
 * How many candidates the streamed walk may check per wanted row before handing over to the exact query. The
 * exact query's cost grows with how common the whole word is; the walk runs out of budget only when the word is
 * rare among its prefix's matches, and then the exact query is cheap (e.g. "lighthouse" among "lig…"). Candidates
 * checked before that hand-over are wasted work, so the budget is small: at 1M images, 4 per row instead of 10 took the
 * bench's search p95 from 19–24 ms to 10–15 ms (its slowest queries: two rare long words and a tag).
 */
const CANDIDATES_PER_ROW = 4;

const textsOf = (row: TextRow): string[] =>
  [row.prompt, row.enhanced, row.negative, row.model, row.style, row.tagNames].filter((text): text is string => text !== null);

/** The words searched for, checked in full: every clause by one of its groups, each word of it somewhere. */
const matchesWords = (row: TextRow, words: SearchWords): boolean => {
  const texts = textsOf(row);
  const has = (term: QueryTerm) => texts.some((text) => hasTermWord(text, term));
  return words.clauses.every((clause) => clause.some((group) => group.every(has)));
};

/** The same words with each long one cut to its indexed prefix (words left out stay whole: they are exact already). */
const streamable = (words: SearchWords): SearchWords => ({
  ...words,
  clauses: words.clauses.map((clause) => clause.map((group) => group.map(streamablePrefix))),
});

/**
 * Up to `want` rows matching the query within `range`, in key order. Words no longer than the indexed prefixes go
 * to FTS5 as they are; longer ones go as their indexed prefix and each candidate is checked for the whole word.
 */
export const collectMatches = (db: Database, parts: MatchParts, range: KeyRange, newestFirst: boolean, want: number): KeyedRow[] => {
  if (!positiveTerms(parts.words).some(needsCheck)) return selectMatched(db, matchExpression(parts), range, newestFirst, want);
  const streamed = matchExpression({ ...parts, words: streamable(parts.words) });
  const budget = want * CANDIDATES_PER_ROW;
  const rows: KeyedRow[] = [];
  let examined = 0;
  let lastKey = 0n;
  for (const row of iterateCandidates(db, streamed, range, newestFirst, budget)) {
    examined++;
    lastKey = joinKey(keyOf(row));
    if (matchesWords(row, parts.words)) rows.push(row);
    if (rows.length === want) break;
  }
  if (rows.length === want || examined < budget) return rows;
  const rest = rangeAfter(range, lastKey, newestFirst);
  if (rest) rows.push(...selectMatched(db, matchExpression(parts), rest, newestFirst, want - rows.length));
  return rows;
};

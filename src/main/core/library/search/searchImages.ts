import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/errors.ts';
import { IMAGE_PAGE } from '../../../../shared/paging.ts';
import type { ImageQuery, SearchPage } from '../../../../shared/ipc/schemas/library.ts';
import { findTagId } from '../curation/tagNames.ts';
import { decodeCursor, encodeCursor, type ListCursor, type SortOrder } from '../cursor.ts';
import { toSummary } from '../imageMapping.ts';
import { collectMatches } from './collectMatches.ts';
import { joinKey, type KeyRange, keyRangeOf, rangeAfter } from './docKey.ts';
import { hasFacetFilters, type MatchParts, matchExpression } from './matchExpression.ts';
import { countLiveByDay } from './positionCounts.ts';
import { countMatched, type KeyedRow, keyOf, selectLive } from './searchQueries.ts';
import { ftsTokens } from './ftsTokens.ts';
import { hasWords, highlightRanges, NO_WORDS, positiveTerms, searchWords } from './searchText.ts';

/**
 * How a query is answered: nothing can match (an unknown tag, an empty date range, a search for symbols only); the live library in key order
 * (no words, no filter but dates: the `images_live` index); or the FTS index (everything else).
 */
export type Plan = { kind: 'none' } | { kind: 'live'; range: KeyRange } | { kind: 'match'; parts: MatchParts; range: KeyRange };

export const planQuery = (db: Database, query: ImageQuery): Plan => {
  const range = keyRangeOf(query.createdFrom, query.createdTo);
  if (!range) return { kind: 'none' };
  const tagIds: number[] = [];
  for (const name of new Set(query.tags ?? [])) {
    const id = findTagId(db, name);
    if (id === null) return { kind: 'none' };
    tagIds.push(id);
  }
  const words = searchWords(query.text, (word) => ftsTokens(db, word));
  // Only words are indexed: a box holding nothing but a symbol ("🐉") matches nothing rather than everything.
  if (words.symbolsOnly) return { kind: 'none' };
  if (!query.inTrash && !hasWords(words) && !hasFacetFilters(query)) return { kind: 'live', range };
  return { kind: 'match', parts: { query, words, tagIds }, range };
};

const byKey = (db: Database, plan: Exclude<Plan, { kind: 'none' }>, newestFirst: boolean, cursor: ListCursor | null, want: number) => {
  const range = cursor ? rangeAfter(plan.range, joinKey(cursor.key), newestFirst) : plan.range;
  if (!range) return [];
  return plan.kind === 'live'
    ? selectLive(db, range, newestFirst, want)
    : collectMatches(db, plan.parts, range, newestFirst, want);
};

/** Rating, best first, then newest: one FTS walk per rating level (5 → lowest), each in key order, until the page is full. */
const byRating = (db: Database, plan: Exclude<Plan, { kind: 'none' }>, cursor: ListCursor | null, want: number): KeyedRow[] => {
  const parts: MatchParts = plan.kind === 'match' ? plan.parts : { query: {}, words: NO_WORDS, tagIds: [] };
  const lowest = parts.query.minRating ?? 0;
  const start = cursor?.sort === 'rating' ? cursor.rating : 5;
  const rows: KeyedRow[] = [];
  for (let rating = start; rating >= lowest && rows.length < want; rating--) {
    const range = cursor?.sort === 'rating' && rating === cursor.rating ? rangeAfter(plan.range, joinKey(cursor.key), true) : plan.range;
    if (range) rows.push(...collectMatches(db, { ...parts, rating }, range, true, want - rows.length));
  }
  return rows;
};

const cursorAfter = (row: KeyedRow, sort: SortOrder): ListCursor =>
  sort === 'rating' ? { sort, rating: row.rating, key: keyOf(row) } : { sort, key: keyOf(row) };

export function searchImages(db: Database, query: ImageQuery, opts: { cursor?: string | null; limit?: number } = {}): SearchPage {
  const limit = opts.limit ?? IMAGE_PAGE.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > IMAGE_PAGE.max) {
    throw new AppError('INVALID_INPUT', `A page holds between 1 and ${IMAGE_PAGE.max} images.`);
  }
  const sort = query.sort ?? 'newest';
  const cursor = opts.cursor === undefined || opts.cursor === null ? null : decodeCursor(opts.cursor, sort);
  // One read transaction: a page may take several statements (a tag lookup, a walk and its exact follow-up, one walk
  // per rating), and they must all see one snapshot even while another process (the CLI) writes.
  const { plan, rows } = db.transaction(() => {
    const planned = planQuery(db, query);
    // One extra row tells whether another page exists without a COUNT.
    const want = limit + 1;
    if (planned.kind === 'none') return { plan: planned, rows: [] };
    const found = sort === 'rating' ? byRating(db, planned, cursor, want) : byKey(db, planned, sort === 'newest', cursor, want);
    return { plan: planned, rows: found };
  })();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const terms = plan.kind === 'match' ? positiveTerms(plan.parts.words) : [];
  const highlights: SearchPage['highlights'] = {};
  for (const row of page) {
    const ranges = highlightRanges(row.prompt, terms);
    if (ranges.length) highlights[row.id] = ranges;
  }
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor(cursorAfter(last, sort)) : null,
    highlights,
  };
}

/** How many images the query matches (the sort is irrelevant). Walks the whole match, so keep it off the typing path. */
export function countImages(db: Database, query: ImageQuery): number {
  const plan = planQuery(db, query);
  if (plan.kind === 'none') return 0;
  return plan.kind === 'live' ? countLiveByDay(db, plan.range) : countMatched(db, matchExpression(plan.parts), plan.range);
}

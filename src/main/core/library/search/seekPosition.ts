import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/errors.ts';
import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { MAX_SEEK_OFFSET } from '../../../../shared/paging.ts';
import { encodeCursor, type ListCursor } from '../cursor.ts';
import type { KeyParts, KeyRange } from './docKey.ts';
import { type MatchParts, matchExpression } from './matchExpression.ts';
import { planQuery, type Plan } from './searchImages.ts';
import { NO_WORDS } from './searchText.ts';
import { levelCount } from './levelCounts.ts';
import { nthLive, nthMatched } from './seekQueries.ts';
import { isWholeRange, nthLiveByDay, nthRatedByDay } from './positionCounts.ts';

export interface SeekResult {
  /** The cursor whose page starts at the asked position; null for position 0 (the first page needs none). */
  cursor: string | null;
  /** True when the query matches fewer than `offset` images (at exactly `offset`, the cursor's page is empty). */
  pastEnd: boolean;
}

type LivePlan = Exclude<Plan, { kind: 'none' }>;

/** The n-th image (0-based) of a newest/oldest walk, exact: the same expression the search's exact follow-up runs. */
const nthByKey = (db: Database, plan: LivePlan, newestFirst: boolean, n: number): KeyParts | null => {
  if (plan.kind === 'match') return nthMatched(db, matchExpression(plan.parts), plan.range, newestFirst, n);
  return isWholeRange(plan.range) ? nthLiveByDay(db, newestFirst, n) : nthLive(db, plan.range, newestFirst, n);
};

/**
 * The rating sort is one walk per rating level, best first (searchImages.ts byRating): the levels' counts say which
 * level holds the n-th image, and a skip inside that level finds it. The live library without a date filter has
 * its counts kept by triggers (positionCounts.ts); a filtered one counts its levels once per library state.
 */
const nthByRating = (db: Database, plan: LivePlan, n: number): ListCursor | null => {
  if (plan.kind === 'live' && isWholeRange(plan.range)) {
    const found = nthRatedByDay(db, n);
    return found ? { sort: 'rating', ...found } : null;
  }
  const parts: MatchParts = plan.kind === 'match' ? plan.parts : { query: {}, words: NO_WORDS, tagIds: [] };
  const range: KeyRange = plan.range;
  const lowest = parts.query.minRating ?? 0;
  let left = n;
  for (let rating = 5; rating >= lowest; rating--) {
    const level = matchExpression({ ...parts, rating });
    // The last level is not counted: the skip itself says whether the position is in it. It is the largest level
    // (most images are never rated), so its count would cost as much as the skip.
    const inLevel = rating === lowest ? Number.POSITIVE_INFINITY : levelCount(db, parts, rating, range);
    if (left < inLevel) {
      const key = nthMatched(db, level, range, true, left);
      return key ? { sort: 'rating', rating, key } : null;
    }
    left -= inLevel;
  }
  return null;
};

/**
 * Maps a position in the grid (the index of an image in the query's order) to the cursor of the page that starts
 * there, without walking the pages before it: what a scrollbar drag or the date scrubber needs at a million images.
 * The cursor is the one searchImages would have handed out after the image just before that position, so the page
 * and every page after it are exactly the ones paging from the top would have reached.
 */
export function seekPosition(db: Database, query: ImageQuery, offset: number): SeekResult {
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_SEEK_OFFSET) {
    throw new AppError('INVALID_INPUT', `A position is a whole number between 0 and ${MAX_SEEK_OFFSET}.`);
  }
  const sort = query.sort ?? 'newest';
  // One read transaction, as searchImages: the counts and the skip must see one snapshot.
  return db.transaction((): SeekResult => {
    const plan = planQuery(db, query);
    if (offset === 0) return { cursor: null, pastEnd: false };
    if (plan.kind === 'none') return { cursor: null, pastEnd: true };
    // The page at `offset` starts after the image at offset - 1.
    let before: ListCursor | null;
    if (sort === 'rating') before = nthByRating(db, plan, offset - 1);
    else {
      const key = nthByKey(db, plan, sort === 'newest', offset - 1);
      before = key ? { sort, key } : null;
    }
    return before ? { cursor: encodeCursor(before), pastEnd: false } : { cursor: null, pastEnd: true };
  })();
}

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchImages } from '../../src/main/core/library/search/searchImages.ts';
import { LIVE_NTH_NEWEST_SQL, LIVE_NTH_OLDEST_SQL, MATCH_NTH_NEWEST_SQL, MATCH_NTH_OLDEST_SQL } from '../../src/main/core/library/search/seekQueries.ts';
import { seekPosition } from '../../src/main/core/library/search/seekPosition.ts';
import { RATED_NTH_SQL } from '../../src/main/core/library/search/positionCounts.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { codeOf } from './helpers/errorCode.ts';
import { insertRows, readRows, referenceSearch, type Row, syntheticRows, type TempDb, tempDb } from './helpers/searchLibrary.ts';

/**
 * A jump (scrollbar drag, date scrubber) lands where paging from the top would have: for every sort and filter the
 * grid offers, the page at a sought position is the slice of the reference order at that position.
 */
let lib: TempDb;
let rows: Row[];
beforeAll(() => {
  lib = tempDb();
  // Ties on purpose: three images per millisecond, so a skip must keep the id order within one.
  insertRows(lib.db, syntheticRows(400).map((r, i): Row => ({ ...r, createdAt: 10_000 + Math.floor(i / 3) })));
  rows = readRows(lib.db);
});
afterAll(() => lib.close());

const PAGE = 25;
const pageAt = (query: ImageQuery, offset: number): string[] => {
  const { cursor, pastEnd } = seekPosition(lib.db, query, offset);
  expect(pastEnd).toBe(false);
  return searchImages(lib.db, query, { cursor, limit: PAGE }).items.map((i) => i.id);
};

const QUERIES: ImageQuery[] = [
  {},
  { sort: 'oldest' },
  { sort: 'rating' },
  { text: 'sea', sort: 'newest' },
  { favorite: true, sort: 'oldest' },
  { minRating: 2, sort: 'rating' },
  { text: 'lighthouse', sort: 'rating' },
  { createdFrom: 10_020, createdTo: 10_090 },
  { inTrash: true },
];

const plan = (sql: string, args: unknown[]): string =>
  (lib.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join('\n');

describe('seekPosition', () => {
  it('gives the page that paging from the top reaches, for every sort and filter', () => {
    for (const query of QUERIES) {
      const expected = referenceSearch(rows, query).map((r) => r.id);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(3);
      for (const offset of [0, 1, Math.floor(expected.length / 2), expected.length - 1]) {
        expect(pageAt(query, offset), `${JSON.stringify(query)} @${offset}`).toEqual(expected.slice(offset, offset + PAGE));
      }
    }
  });

  it('says when a position lies past the end, and an empty page at exactly the end', () => {
    const count = referenceSearch(rows, { favorite: true }).length;
    expect(seekPosition(lib.db, { favorite: true }, count + 1)).toEqual({ cursor: null, pastEnd: true });
    const atEnd = seekPosition(lib.db, { favorite: true }, count);
    expect(atEnd.pastEnd).toBe(false);
    expect(searchImages(lib.db, { favorite: true }, { cursor: atEnd.cursor }).items).toEqual([]);
    expect(seekPosition(lib.db, { tags: ['no such tag'] }, 5)).toEqual({ cursor: null, pastEnd: true });
  });

  it('refuses a position that is not a whole number in range', () => {
    for (const offset of [-1, 1.5, Number.NaN, 50_000_001]) expect(codeOf(() => seekPosition(lib.db, {}, offset))).toBe('INVALID_INPUT');
  });

  it('skips inside an index or an FTS doclist, never reading rows of images', () => {
    const full = (1n << 63n) - 1n;
    for (const sql of [LIVE_NTH_NEWEST_SQL, LIVE_NTH_OLDEST_SQL]) {
      expect(plan(sql, [0n, full, 10])).toBe('SEARCH images USING COVERING INDEX images_live (doc_key>? AND doc_key<?)');
    }
    // Inside one day of the rating sort: that day's index entries, each row's rating read from the table.
    expect(plan(RATED_NTH_SQL, [0n, full, 2, 10])).toBe('SEARCH images USING INDEX images_live (doc_key>? AND doc_key<?)');
    for (const sql of [MATCH_NTH_NEWEST_SQL, MATCH_NTH_OLDEST_SQL]) {
      expect(plan(sql, ['facets : fav', 0n, full, 10])).toMatch(/^SCAN image_search VIRTUAL TABLE INDEX \d+:M\d+[^\n]*$/);
    }
  });

  it('lands right in the rating sort after ratings change, here or in another process', () => {
    // Its own library: the ratings change under it.
    const own = tempDb();
    const other = new Database(join(own.dir, 'lagoon.db'));
    try {
      insertRows(own.db, syntheticRows(300));
      const query: ImageQuery = { sort: 'rating' };
      const check = () => {
        const expected = referenceSearch(readRows(own.db), query).map((r) => r.id);
        for (const offset of [40, 150, 260]) {
          const { cursor } = seekPosition(own.db, query, offset);
          expect(searchImages(own.db, query, { cursor, limit: PAGE }).items.map((i) => i.id)).toEqual(expected.slice(offset, offset + PAGE));
        }
      };
      check();
      // The level counts are remembered: a change on this connection (through the triggers) must be seen...
      own.db.prepare('UPDATE images SET rating = 5 WHERE rowid IN (SELECT rowid FROM images WHERE rating < 5 ORDER BY rowid LIMIT 40)').run();
      check();
      // ...and one another process made (the CLI) too.
      other.prepare('UPDATE images SET rating = 0 WHERE rowid IN (SELECT rowid FROM images WHERE rating = 5 ORDER BY rowid DESC LIMIT 60)').run();
      check();
    } finally {
      other.close();
      own.close();
    }
  });
});

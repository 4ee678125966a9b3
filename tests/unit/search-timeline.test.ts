import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeline } from '../../src/main/core/library/search/timeline.ts';
import { seekPosition } from '../../src/main/core/library/search/seekPosition.ts';
import { searchImages } from '../../src/main/core/library/search/searchImages.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { insertRows, readRows, referenceSearch, type Row, syntheticRows, type TempDb, tempDb } from './helpers/searchLibrary.ts';

/**
 * The date scrubber's marks: per local month, in the grid's order, counted from the index. A mark's position (the
 * counts before it) must be where that month's first image sits in the grid, or the scrubber lands on wrong rows.
 */
let lib: TempDb;
let rows: Row[];
const local = (year: number, month: number, day = 1, hour = 0) => new Date(year, month, day, hour).getTime();
beforeAll(() => {
  lib = tempDb();
  // Images every 29 hours from mid-November 2024 into March 2025, and one on the last minute of a month (local time).
  const start = local(2024, 10, 14, 7);
  const base = syntheticRows(100).map((r, i): Row => ({ ...r, createdAt: start + i * 29 * 3_600_000 }));
  base.push({ ...syntheticRows(1, 9)[0]!, id: '00000000-0000-4000-8000-00000000abcd', createdAt: local(2024, 11, 31, 23) + 59 * 60_000 });
  insertRows(lib.db, base);
  rows = readRows(lib.db);
});
afterAll(() => lib.close());

const monthOf = (ms: number) => {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
};

describe('timeline', () => {
  for (const query of [{}, { sort: 'oldest' }, { text: 'sea' }, { favorite: false, sort: 'oldest' }] satisfies ImageQuery[]) {
    it(`counts each local month in the grid's order, and each mark lands on its month (${JSON.stringify(query)})`, () => {
      const expected = referenceSearch(rows, query);
      const { unit, buckets } = timeline(lib.db, query);
      expect(unit).toBe('month');
      // The reference: months in the order the grid lists the images, with their counts.
      const months: Array<{ start: number; count: number }> = [];
      for (const row of expected) {
        const start = monthOf(row.createdAt);
        if (months.at(-1)?.start === start) months.at(-1)!.count++;
        else months.push({ start, count: 1 });
      }
      expect(buckets).toEqual(months);
      let position = 0;
      for (const bucket of buckets) {
        const { cursor } = seekPosition(lib.db, query, position);
        const first = searchImages(lib.db, query, { cursor, limit: 1 }).items[0]!;
        expect(monthOf(first.createdAt)).toBe(bucket.start);
        position += bucket.count;
      }
      expect(position).toBe(expected.length);
    });
  }

  it('has no marks in the rating sort (no date order) or when nothing matches', () => {
    expect(timeline(lib.db, { sort: 'rating' }).buckets).toEqual([]);
    expect(timeline(lib.db, { tags: ['no such tag'] }).buckets).toEqual([]);
    expect(timeline(lib.db, { text: 'zzzzqqq' }).buckets).toEqual([]);
  });
});

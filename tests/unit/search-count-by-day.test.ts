import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeyRange, keyRangeOf } from '../../src/main/core/library/search/docKey.ts';
import { countLiveByDay } from '../../src/main/core/library/search/positionCounts.ts';
import { countLive } from '../../src/main/core/library/search/searchQueries.ts';
import { insertRows, random, syntheticRows, type TempDb, tempDb } from './helpers/searchLibrary.ts';

/**
 * Counting the live library (the grid's total, the scrubber's months) sums the kept per-day counts for the whole days
 * of a range and walks the index only at its ends: the same number as walking it all, for any range.
 */
const DAY = 86_400_000;
const FIRST_DAY = 19_700;
let lib: TempDb;
beforeAll(() => {
  lib = tempDb();
  const r = random(23);
  // About 20 days, images on the very first and last millisecond of some days, ties, a share trashed (syntheticRows).
  const edges = [0, 1, DAY - 1, DAY, 2 * DAY - 1, 5 * DAY, 9 * DAY - 1];
  insertRows(
    lib.db,
    syntheticRows(600, 4).map((row, i) => ({ ...row, createdAt: FIRST_DAY * DAY + (i < edges.length ? edges[i]! : r.int(20 * DAY)) })),
  );
});
afterAll(() => lib.close());

/** A millisecond of the library's `day`-th day. */
const at = (day: number, ms = 0): number => (FIRST_DAY + day) * DAY + ms;
const range = (from: number | undefined, to: number | undefined): KeyRange => keyRangeOf(from, to)!;

describe('countLiveByDay', () => {
  it('gives what walking the live index gives, for whole, open, partial and one-day ranges', () => {
    const ranges: KeyRange[] = [
      range(undefined, undefined),
      range(at(0), undefined),
      range(undefined, at(3) - 1),
      range(at(0), at(1) - 1),
      range(at(1), at(1)),
      range(at(0, 1), at(2, -1)),
      range(at(2, 5), at(2, 9_000_000)),
      range(at(-3), at(25)),
      { low: range(at(4), undefined).low + 3n, high: range(undefined, at(11, 7)).high - 1000n },
    ];
    const r = random(5);
    for (let i = 0; i < 40; i++) {
      const from = at(r.int(22) - 1, r.int(DAY));
      ranges.push(range(from, from + r.int(6 * DAY)));
    }
    for (const each of ranges) expect(countLiveByDay(lib.db, each), `${each.low}..${each.high}`).toBe(countLive(lib.db, each));
    expect(countLive(lib.db, ranges[0]!)).toBeGreaterThan(400);
  });

  it('reads the whole days from their kept counts, not from the index', () => {
    const before = countLiveByDay(lib.db, range(undefined, undefined));
    const day = FIRST_DAY + 7;
    lib.db.transaction(() => {
      lib.db.prepare('INSERT INTO image_position_counts (day, rating, n) VALUES (?, 0, 1000) ON CONFLICT DO UPDATE SET n = n + 1000').run(day);
      expect(countLiveByDay(lib.db, range(undefined, undefined))).toBe(before + 1000);
      // A range that holds no whole day never reads the counts.
      const inside = range(day * DAY + 10, (day + 1) * DAY - 10);
      expect(countLiveByDay(lib.db, inside)).toBe(countLive(lib.db, inside));
      lib.db.prepare('UPDATE image_position_counts SET n = n - 1000 WHERE day = ? AND rating = 0').run(day);
    })();
    expect(countLiveByDay(lib.db, range(undefined, undefined))).toBe(before);
  });
});

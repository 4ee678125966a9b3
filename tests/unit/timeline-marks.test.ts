import { describe, expect, it } from 'vitest';
import { bucketAt, placeBuckets, yearMarks } from '../../src/renderer/src/features/library/timelineMarks.ts';

const month = (year: number, m: number) => new Date(year, m, 1).getTime();
// Newest first, as the grid lists them: Feb 2025 (30), Jan 2025 (50), Dec 2024 (20), Nov 2024 (100).
const buckets = placeBuckets({
  unit: 'month',
  buckets: [
    { start: month(2025, 1), count: 30 },
    { start: month(2025, 0), count: 50 },
    { start: month(2024, 11), count: 20 },
    { start: month(2024, 10), count: 100 },
  ],
});

describe('timeline marks', () => {
  it('places each month where its first image sits in the grid', () => {
    expect(buckets.map((b) => b.position)).toEqual([0, 30, 80, 100]);
  });

  it('finds the month of any position, the last one past the end', () => {
    expect([0, 29, 30, 79, 80, 99, 100, 199, 500].map((p) => bucketAt(buckets, p))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 3]);
    expect(bucketAt([], 3)).toBe(-1);
  });

  it('labels each year where it starts, leaving out a label that would overlap the one before', () => {
    expect(yearMarks(buckets, 200, 0.05)).toEqual([
      { year: 2025, at: 0, index: 0 },
      { year: 2024, at: 0.4, index: 2 },
    ]);
    // On a short track, 2024 would sit too close to 2025: only the first label stays.
    expect(yearMarks(buckets, 200, 0.5).map((m) => m.year)).toEqual([2025]);
  });
});

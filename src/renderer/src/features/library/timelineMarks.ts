import type { Timeline } from '../../../../shared/ipc/schemas/library.ts';

/** A bucket of the timeline placed in the grid: results `position` to `position + count - 1` are from it. */
export interface PlacedBucket {
  start: number;
  count: number;
  position: number;
}

/** Each bucket with the position of its first image in the grid (the counts before it, in the grid's order). */
export const placeBuckets = (timeline: Timeline): PlacedBucket[] => {
  let position = 0;
  return timeline.buckets.map((b) => {
    const placed = { ...b, position };
    position += b.count;
    return placed;
  });
};

/** The bucket holding result `position` (the last one past the end); -1 when there are none. Binary search: 2,000 buckets at most. */
export const bucketAt = (buckets: readonly PlacedBucket[], position: number): number => {
  let low = 0;
  let high = buckets.length - 1;
  if (high < 0) return -1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (buckets[mid]!.position <= position) low = mid;
    else high = mid - 1;
  }
  return low;
};

/**
 * Where the scrubber's labels go: the first bucket of each year (in the grid's order), as a share of the results,
 * dropping any that would sit closer than `minGap` (a share) to the previous label so they never overlap.
 */
export const yearMarks = (buckets: readonly PlacedBucket[], total: number, minGap: number): Array<{ year: number; at: number; index: number }> => {
  const marks: Array<{ year: number; at: number; index: number }> = [];
  let lastYear: number | null = null;
  buckets.forEach((b, index) => {
    const year = new Date(b.start).getFullYear();
    if (year === lastYear) return;
    lastYear = year;
    const at = total > 0 ? b.position / total : 0;
    const previous = marks.at(-1);
    if (!previous || at - previous.at >= minGap) marks.push({ year, at, index });
  });
  return marks;
};

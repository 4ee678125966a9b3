// @vitest-environment happy-dom
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../src/shared/ipc/schemas/images.ts';
import { isWarm } from '../../src/renderer/src/features/library/thumbWarmth.ts';
import { prefetchFirstScreen, useThumbPrefetch } from '../../src/renderer/src/features/library/useThumbPrefetch.ts';

// What the grid fetches ahead of the scroll. In happy-dom an image decodes at once, so "warm" is "was asked for".

const COLUMNS = 5;
const items = (prefix: string, n: number): ImageSummary[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`, fileMissing: false }) as unknown as ImageSummary);

const warmIndexes = (list: readonly ImageSummary[]): number[] => list.flatMap((item, i) => (isWarm(item.id) ? [i] : []));

describe('useThumbPrefetch', () => {
  it('during a fling fetches the row about to enter and the window, nothing further ahead', async () => {
    const list = items('f', 200);
    // Window: rows 10–15 (tiles 50–79), flung downwards (the first render sets the direction's origin).
    const { rerender } = renderHook((p: { first: number; last: number }) =>
      useThumbPrefetch({ items: list, offset: 0, first: p.first, last: p.last, columns: COLUMNS, flinging: true, hidden: false }),
    { initialProps: { first: 45, last: 74 } });
    rerender({ first: 50, last: 79 });
    await waitFor(() => expect(warmIndexes(list)).toContain(84));
    const warm = warmIndexes(list);
    expect(warm).toEqual(expect.arrayContaining([50, 79, 80, 84]));
    expect(Math.max(...warm)).toBe(84);
  });

  it('when not flung fetches the window and six rows ahead', async () => {
    const list = items('s', 200);
    renderHook(() => useThumbPrefetch({ items: list, offset: 0, first: 0, last: 29, columns: COLUMNS, flinging: false, hidden: false }));
    await waitFor(() => expect(warmIndexes(list)).toContain(59));
    expect(Math.max(...warmIndexes(list))).toBe(59);
  });
});

describe('prefetchFirstScreen', () => {
  it('fetches the first screen of a page, in grid order, and nothing of a missing file or beyond the screen', async () => {
    // What main.tsx does with the first page asked for before the first render, before any tile exists.
    const list = items('p', 50).map((item, i) => (i === 3 ? { ...item, fileMissing: true } : item));
    prefetchFirstScreen(list);
    await waitFor(() => expect(warmIndexes(list)).toContain(35));
    expect(warmIndexes(list)).toEqual(Array.from({ length: 36 }, (_, i) => i).filter((i) => i !== 3));
  });
});

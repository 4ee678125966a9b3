// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markWarm } from '../../src/renderer/src/features/library/thumbWarmth.ts';
import { useFirstScreenIn } from '../../src/renderer/src/features/library/useFirstScreenIn.ts';
import { useGridPaging } from '../../src/renderer/src/features/library/useGridPaging.ts';

// The grid's first screen of thumbnails comes before the next page: main answers one request at a time, so a
// 400-row page would hold the thumbnails back on a cold start.

afterEach(() => vi.useRealTimers());

const ids = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`.slice(0, 36));

describe('useFirstScreenIn', () => {
  it('turns true once every thumbnail in view is in, and false again for new results until theirs are', () => {
    const first = ids('a', 6);
    const { result, rerender } = renderHook(({ shown, generation }) => useFirstScreenIn(shown, generation), {
      initialProps: { shown: first, generation: 1 },
    });
    expect(result.current).toBe(false);
    act(() => first.slice(0, 5).forEach((id) => markWarm(id, {})));
    expect(result.current).toBe(false);
    act(() => markWarm(first[5]!, {}));
    expect(result.current).toBe(true);

    const next = ids('b', 6);
    rerender({ shown: next, generation: 2 });
    expect(result.current).toBe(false);
    act(() => next.forEach((id) => markWarm(id, {})));
    expect(result.current).toBe(true);
  });

  it('waits no longer than a second for thumbnails that never come', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useFirstScreenIn(ids('c', 4), 1));
    act(() => vi.advanceTimersByTime(999));
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(true);
  });
});

/** How many times a grid with 120 of its results loaded asks for the next page, its window ending at `lastTile`. */
const loadMoreCalls = (lastTile: number, holdPrefetch: boolean): number => {
  const onLoadMore = vi.fn();
  renderHook(() =>
    useGridPaging({
      firstTile: 0,
      lastTile,
      columns: 6,
      offset: 0,
      loaded: 120,
      hasMore: true,
      loadingMore: false,
      jumping: false,
      holdPrefetch,
      onLoadMore,
      onJump: () => undefined,
      onLoadBefore: () => undefined,
    }),
  );
  return onLoadMore.mock.calls.length;
};

describe('useGridPaging while the first screen loads', () => {
  it('asks for the next page only when the window nears the end of the loaded run', () => {
    expect(loadMoreCalls(35, true)).toBe(0);
    expect(loadMoreCalls(65, true)).toBe(1);
    expect(loadMoreCalls(35, false)).toBe(1);
  });
});

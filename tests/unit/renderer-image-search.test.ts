// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { useImageSearch } from '../../src/renderer/src/features/library/useImageSearch.ts';
import { FakeBridge, summary, uninstallBridge } from './helpers/rendererBridge.ts';

type SearchInput = { query: ImageQuery; cursor: string | null; limit: number };
// The caller memoises its query: a new object is a new question.
const ALL: ImageQuery = {};
const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);
const page = (items: string[], nextCursor: string | null = null) => ({ items: items.map((id) => summary(id)), nextCursor, highlights: {} });

// A library of 2,000 images named by their position (the jump tests): a seek's cursor names the position it starts after.
const named = (from: number, n: number) => Array.from({ length: Math.max(0, Math.min(n, 2000 - from)) }, (_, i) => `i${from + i}`);

let bridge: FakeBridge;
beforeEach(() => {
  bridge = new FakeBridge().install().handle('images.count', () => ({ count: 5 }));
});
afterEach(uninstallBridge);

describe('useImageSearch', () => {
  it('counts again while images keep arriving (an import), not only once they stop', async () => {
    bridge.handle('images.search', () => page(['a']));
    const { result } = renderHook(() => useImageSearch(ALL));
    await waitFor(() => expect(result.current.loaded).toBe(true));
    vi.useFakeTimers();
    try {
      const counted = () => bridge.calls.filter((c) => c.route === 'images.count').length;
      const before = counted();
      // One image every 200 ms for 3 s: a plain 250 ms debounce would wait for the end of it.
      for (let i = 0; i < 15; i++) {
        act(() => bridge.emit('images.changed', { reason: 'added', ids: [`n${i}`] }));
        await act(() => vi.advanceTimersByTimeAsync(200));
      }
      expect(counted() - before).toBeGreaterThanOrEqual(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('pages through the results and never lists an image twice', async () => {
    bridge.handle('images.search', ({ cursor }: SearchInput) => (cursor === null ? page(['a', 'b'], 'c1') : page(['b', 'c', 'd'])));
    const { result } = renderHook(() => useImageSearch(ALL));
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(ids(result.current.items)).toEqual(['a', 'b']);
    expect(result.current.hasMore).toBe(true);

    act(() => result.current.loadMore());
    await waitFor(() => expect(ids(result.current.items)).toEqual(['a', 'b', 'c', 'd']));
    expect(result.current.hasMore).toBe(false);
    expect(result.current.count).toBe(5);
  });

  it('drops the answer to a query the user has already typed past', async () => {
    bridge.handle('images.search', ({ query }: SearchInput) => page(query.text === 'fox' ? ['fox'] : ['fo-1', 'fo-2']));
    bridge.hold('images.search');
    const { result, rerender } = renderHook(({ query }) => useImageSearch(query), { initialProps: { query: { text: 'fo' } as ImageQuery } });
    rerender({ query: { text: 'fox' } });
    const held = bridge.calls.filter((c) => c.route === 'images.search').length;
    // The newest question answers first, the stale one after it.
    act(() => bridge.release('images.search', held - 1));
    await waitFor(() => expect(ids(result.current.items)).toEqual(['fox']));
    act(() => bridge.release('images.search', 0));
    await new Promise((r) => setTimeout(r, 20));
    expect(ids(result.current.items)).toEqual(['fox']);
    expect(result.current.searching).toBe(false);
  });

  it('puts new images first without losing the pages already loaded', async () => {
    let first = ['b', 'c'];
    bridge.handle('images.search', ({ cursor }: SearchInput) => (cursor === null ? page(first, 'c1') : page(['d'])));
    const { result } = renderHook(() => useImageSearch(ALL));
    await waitFor(() => expect(result.current.loaded).toBe(true));
    act(() => result.current.loadMore());
    await waitFor(() => expect(ids(result.current.items)).toEqual(['b', 'c', 'd']));

    first = ['a', 'b'];
    act(() => bridge.emit('images.changed', { reason: 'added', ids: ['a'] }));
    await waitFor(() => expect(ids(result.current.items)).toEqual(['a', 'b', 'c', 'd']));
  });

  it('takes removed images off the list and the count at once', async () => {
    bridge.handle('images.search', () => page(['a', 'b', 'c']));
    const { result } = renderHook(() => useImageSearch(ALL));
    await waitFor(() => expect(result.current.count).toBe(5));
    act(() => bridge.emit('images.changed', { reason: 'removed', ids: ['b', 'x'] }));
    expect(ids(result.current.items)).toEqual(['a', 'c']);
    expect(result.current.count).toBe(4);
  });

  it('refreshes a changed tile in place', async () => {
    bridge.handle('images.search', () => page(['a', 'b']));
    bridge.handle('images.get', ({ id }: { id: string }) => ({ ...summary(id, { rating: 4 }), endpoint: 'native', request: {}, byteSize: 1, sha256: '0'.repeat(64), response: {}, jobId: null, priceUsd: null, tags: [], collections: [] }));
    const { result } = renderHook(() => useImageSearch(ALL));
    await waitFor(() => expect(result.current.loaded).toBe(true));
    act(() => bridge.emit('images.changed', { reason: 'updated', ids: ['b'] }));
    await waitFor(() => expect(result.current.items[1]?.rating).toBe(4));
    expect(result.current.items[0]?.rating).toBe(0);
  });

  describe('jumping (a drag far past the loaded pages)', () => {
    beforeEach(() => {
      bridge.handle('images.count', () => ({ count: 2000 }));
      bridge.handle('images.seek', ({ offset }: { offset: number }) => ({ cursor: offset === 0 ? null : `at${offset}`, pastEnd: offset > 2000 }));
      bridge.handle('images.search', ({ cursor, limit }: SearchInput) => {
        const from = cursor === null ? 0 : Number(cursor.slice(2));
        return page(named(from, limit), from + limit < 2000 ? `at${from + limit}` : null);
      });
    });

    it('becomes the page at the position, found by a seek, then grows from there both ways', async () => {
      const { result } = renderHook(() => useImageSearch(ALL));
      await waitFor(() => expect(result.current.loaded).toBe(true));
      act(() => result.current.jumpTo(1500));
      expect(result.current.jumping).toBe(true);
      await waitFor(() => expect(result.current.jumping).toBe(false));
      expect(result.current.offset).toBe(1500);
      expect(result.current.items[0]?.id).toBe('i1500');
      // No page in between was asked for: one seek and the page from its cursor.
      expect(bridge.calls.filter((c) => c.route === 'images.search').map((c) => (c.input as SearchInput).cursor)).toEqual([null, 'at1500']);

      act(() => result.current.loadMore());
      await waitFor(() => expect(result.current.items.length).toBe(500));
      expect(result.current.items.at(-1)?.id).toBe('i1999');
      expect(result.current.hasMore).toBe(false);

      act(() => result.current.loadBefore());
      await waitFor(() => expect(result.current.offset).toBe(1100));
      expect(ids(result.current.items.slice(0, 2))).toEqual(['i1100', 'i1101']);
      expect(result.current.items[400]?.id).toBe('i1500');
      expect(new Set(ids(result.current.items)).size).toBe(result.current.items.length);
    });

    it('keeps only the newest of several jumps, and a new query starts from the top again', async () => {
      const { result, rerender } = renderHook(({ query }) => useImageSearch(query), { initialProps: { query: ALL } });
      await waitFor(() => expect(result.current.loaded).toBe(true));
      bridge.hold('images.seek');
      act(() => result.current.jumpTo(600));
      act(() => result.current.jumpTo(1200));
      act(() => bridge.release('images.seek', 1));
      await waitFor(() => expect(result.current.offset).toBe(1200));
      act(() => bridge.release('images.seek', 0));
      await new Promise((r) => setTimeout(r, 20));
      expect(result.current.offset).toBe(1200);
      expect(result.current.items[0]?.id).toBe('i1200');

      rerender({ query: { sort: 'oldest' } });
      await waitFor(() => expect(result.current.offset).toBe(0));
      expect(result.current.items[0]?.id).toBe('i0');
    });
  });
});

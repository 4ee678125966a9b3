// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/renderer/src/api.ts';
import { useBusyCall } from '../../src/renderer/src/hooks/useBusyCall.ts';
import { gridLayout, tilesToLayOut, visibleTiles } from '../../src/renderer/src/features/library/gridLayout.ts';

// Pieces the library and the settings were split into: the grid's window, and one call at a time for a form.

describe('the grid window', () => {
  it('lays out placeholders for counted results once more pages exist or the run starts further down', () => {
    expect(tilesToLayOut(0, 60, false, 60)).toBe(60);
    // More to come but not counted yet: one placeholder beyond the loaded run.
    expect(tilesToLayOut(0, 60, true, null)).toBe(61);
    // Counted: the scrollbar spans them all.
    expect(tilesToLayOut(0, 60, true, 100_000)).toBe(100_000);
    // A jump loaded a run in the middle: everything before it is placeholders too.
    expect(tilesToLayOut(5_000, 200, false, 5_200)).toBe(5_200);
  });

  it('finds the first and last tile on screen from the scroll position, never past the last tile', () => {
    const layout = gridLayout(1000, 168, 1000);
    const { columns, pitch } = layout;
    expect(pitch).toBe(layout.rowHeight + 10);
    const view = visibleTiles(layout, pitch * 2.5, pitch * 3, 1000);
    expect(view).toEqual({ first: 2 * columns, last: 6 * columns - 1 });
    expect(visibleTiles(layout, 0, pitch * 3, 7)).toEqual({ first: 0, last: 6 });
  });
});

describe('useBusyCall', () => {
  it('says which call runs, hands its answer on, and keeps a failure as an ApiError until the next call', async () => {
    const { result } = renderHook(() => useBusyCall<'save' | 'check'>());
    // An answer held back, to look at the hook while its call is on the way.
    const answer = Promise.withResolvers<number>();
    const done = vi.fn();
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = result.current.run('save', () => answer.promise, done);
    });
    expect(result.current.busy).toBe('save');
    await act(async () => {
      answer.resolve(7);
      await running;
    });
    expect(done).toHaveBeenCalledWith(7);
    expect(result.current.busy).toBeNull();

    await act(() => result.current.run('check', () => Promise.reject(new Error('disk gone')), done));
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect(result.current.error?.message).toBe('disk gone');
    expect(done).toHaveBeenCalledOnce();
    await act(() => result.current.run('check', () => Promise.resolve(1), done));
    expect(result.current.error).toBeNull();
  });
});

// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFling } from '../../src/renderer/src/features/library/useFling.ts';

// Whether the grid is flung decides whether its tiles decode on the way or wait for their prefetch: a plain scroll
// taken for a fling shows no thumbnails at all, so the speed must survive the jitter of a busy main thread.

beforeEach(() => vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

/** Scroll events at `speed` px/s, one every `gaps[i]` ms (uneven gaps: handlers run when the thread is free). */
const scrollAt = (onScroll: (offset: number) => void, speed: number, gaps: readonly number[], from = 0): number => {
  let offset = from;
  for (const gap of gaps) {
    vi.advanceTimersByTime(gap);
    offset += (speed * gap) / 1000;
    act(() => onScroll(offset));
  }
  return offset;
};

/** A busy thread: 40 px a frame (2,400 px/s), but the handlers bunch (8 ms apart, then 26 ms, then 16). */
const jittery = (n: number): number[] => Array.from({ length: n }, (_, i) => [8, 26, 16][i % 3]!);

describe('useFling', () => {
  it('takes a 6,000 px/s fling for one', () => {
    const { result } = renderHook(() => useFling());
    scrollAt(result.current.onScroll, 6000, Array.from({ length: 20 }, () => 16));
    expect(result.current.flinging).toBe(true);
  });

  it('takes a fling for one on a loaded machine that delivers 8 frames a second, and sees it stop', () => {
    const { result } = renderHook(() => useFling());
    scrollAt(result.current.onScroll, 6000, Array.from({ length: 12 }, () => 125));
    expect(result.current.flinging).toBe(true);
    act(() => vi.advanceTimersByTime(400));
    expect(result.current.flinging).toBe(false);
  });

  it('does not take a steady 2,400 px/s scroll for one, even when its events bunch', () => {
    const { result } = renderHook(() => useFling());
    // The distance between two bunched events is read at the time they are handled: 40 px land 8 ms apart.
    let offset = 0;
    for (const gap of jittery(60)) {
      vi.advanceTimersByTime(gap);
      offset += 40;
      act(() => result.current.onScroll(offset));
      expect(result.current.flinging).toBe(false);
    }
  });

  it('ends the fling when the scroll slows down, without waiting for it to stop', () => {
    const { result } = renderHook(() => useFling());
    const offset = scrollAt(result.current.onScroll, 6000, Array.from({ length: 20 }, () => 16));
    expect(result.current.flinging).toBe(true);
    scrollAt(result.current.onScroll, 1000, Array.from({ length: 30 }, () => 16), offset);
    expect(result.current.flinging).toBe(false);
  });

  it('ends the fling once the scroll stops', () => {
    const { result } = renderHook(() => useFling());
    scrollAt(result.current.onScroll, 6000, Array.from({ length: 20 }, () => 16));
    expect(result.current.flinging).toBe(true);
    act(() => vi.advanceTimersByTime(200));
    expect(result.current.flinging).toBe(false);
  });
});

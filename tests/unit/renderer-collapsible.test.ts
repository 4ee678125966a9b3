// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useCollapsible } from '../../src/renderer/src/hooks/useCollapsible.ts';

const resize = (width: number) =>
  act(() => {
    (window as unknown as { happyDOM: { setWindowSize(s: { width: number; height: number }): void } }).happyDOM.setWindowSize({ width, height: 700 });
  });

afterEach(() => localStorage.clear());

describe('useCollapsible (a panel the user can fold away)', () => {
  it('folds by itself in a narrow window until the user chooses', async () => {
    await resize(900);
    const { result, rerender } = renderHook(() => useCollapsible('test.panel', 1000));
    expect(result.current[0]).toBe(true);
    await resize(1400);
    // (happy-dom sends no media-query change on resize; the e2e layout spec sees the live change in Chromium.)
    rerender();
    expect(result.current[0]).toBe(false);
    expect(localStorage.getItem('test.panel')).toBeNull();
  });

  it("keeps the user's choice at every width and for the next window", async () => {
    await resize(1400);
    const first = renderHook(() => useCollapsible('test.panel', 1000));
    act(() => first.result.current[1]());
    expect(first.result.current[0]).toBe(true);
    await resize(1800);
    first.rerender();
    expect(first.result.current[0]).toBe(true);
    first.unmount();

    await resize(700);
    const next = renderHook(() => useCollapsible('test.panel', 1000));
    expect(next.result.current[0]).toBe(true);
    act(() => next.result.current[1]());
    expect(next.result.current[0]).toBe(false);
    expect(JSON.parse(localStorage.getItem('test.panel') ?? 'null')).toBe('expanded');
  });
});

// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { View } from '../../src/renderer/src/app/views.ts';
import { useMountedViews } from '../../src/renderer/src/app/useMountedViews.ts';
import { useRememberedView } from '../../src/renderer/src/app/useRememberedView.ts';
import { FakeBridge, uninstallBridge } from './helpers/rendererBridge.ts';

let bridge: FakeBridge;
beforeEach(() => {
  bridge = new FakeBridge().install().handle('settings.set_start_view', () => ({}));
});
afterEach(() => {
  uninstallBridge();
  vi.useRealTimers();
});

describe('where the window opens', () => {
  it('stores each move between Generate and Library, and not a visit to Settings', () => {
    const { rerender } = renderHook(({ view }) => useRememberedView(view, 'generate'), { initialProps: { view: 'generate' as View } });
    expect(bridge.calls).toEqual([]);
    rerender({ view: 'library' });
    rerender({ view: 'settings' });
    rerender({ view: 'library' });
    rerender({ view: 'generate' });
    expect(bridge.calls.map((c) => c.input)).toEqual([{ view: 'library' }, { view: 'generate' }]);
  });
});

describe('the views mounted', () => {
  it('are the shown one first, each as it is shown, and all once start-up has settled', () => {
    vi.useFakeTimers();
    const { result, rerender } = renderHook(({ view }) => useMountedViews(view), { initialProps: { view: 'library' as View } });
    expect([...result.current]).toEqual(['library']);
    act(() => vi.advanceTimersByTime(1000));
    rerender({ view: 'settings' });
    expect([...result.current].toSorted()).toEqual(['library', 'settings']);
    rerender({ view: 'library' });
    expect([...result.current].toSorted()).toEqual(['library', 'settings']);
    act(() => vi.advanceTimersByTime(999));
    expect(result.current.has('generate')).toBe(false);
    // Two seconds after start, in the next idle moment (or at the latest a few seconds later).
    act(() => vi.advanceTimersByTime(4000));
    expect([...result.current].toSorted()).toEqual(['generate', 'library', 'settings']);
  });
});

// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSpendGuard } from '../../src/renderer/src/features/generate/useSpendGuard.ts';
import { FakeBridge, uninstallBridge } from './helpers/rendererBridge.ts';

let bridge: FakeBridge;
let sent: string[];
const send = (what: string) => async () => void sent.push(what);

beforeEach(() => {
  sent = [];
  bridge = new FakeBridge().install().handle('settings.get_preferences', () => ({ spendLimitUsd: 0.01 }));
});
afterEach(uninstallBridge);

// Under StrictMode, React runs state updaters twice: a send made inside one would be made twice.
const guarded = () => renderHook(() => useSpendGuard(), { wrapper: StrictMode });

describe('the spend guard', () => {
  it('sends a confirmed submission once, under StrictMode and for a double press on the answer', async () => {
    const { result } = guarded();
    await act(() => result.current.submit(0.03, send('costly')));
    expect(result.current.pending).toEqual({ totalUsd: 0.03, limitUsd: 0.01 });
    expect(sent).toEqual([]);
    await act(async () => {
      result.current.confirm();
      result.current.confirm();
    });
    await waitFor(() => expect(result.current.busy).toBe(false));
    expect(sent).toEqual(['costly']);
    expect(result.current.pending).toBeNull();
  });

  it('holds presses while the question is up, and frees them when it is declined', async () => {
    const { result } = guarded();
    await act(() => result.current.submit(0.03, send('costly')));
    await act(() => result.current.submit(0.001, send('cheap, pressed during the question')));
    expect(sent).toEqual([]);
    act(() => result.current.cancel());
    await act(() => result.current.submit(0.001, send('cheap')));
    expect(sent).toEqual(['cheap']);
    expect(bridge.calls.filter((c) => c.route === 'settings.get_preferences')).toHaveLength(2);
  });

  it('asks nothing of a price the catalogue does not know, and asks with the default when the limit cannot be read', async () => {
    bridge.handle('settings.get_preferences', () => {
      throw new Error('main is gone');
    });
    const { result } = guarded();
    await act(() => result.current.submit(null, send('unpriced')));
    expect(sent).toEqual(['unpriced']);
    await act(() => result.current.submit(1.5, send('above the default')));
    expect(result.current.pending).toEqual({ totalUsd: 1.5, limitUsd: 1 });
    expect(sent).toEqual(['unpriced']);
  });
});

// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useIterateForm } from '../../src/renderer/src/features/iterate/useIterateForm.ts';
import type { EditModelInfo } from '../../src/shared/iterate.ts';
import { FakeBridge, uninstallBridge } from './helpers/rendererBridge.ts';

const A = '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90';
const B = '1c7a7d2f-4b5a-4e1f-8e5c-3a2d9b8f6ca1';
const C = '2d8b8e3a-5c6b-4f2a-9f6d-4b3e0c9a7db2';

const model = (id: string, traits: Partial<EditModelInfo> = {}): EditModelInfo => ({
  id,
  name: id,
  offline: false,
  deprecation: null,
  priceUsd: 0.04,
  aspectRatios: [],
  promptCharacterLimit: null,
  combineImages: true,
  maxInputImages: 2,
  ...traits,
});

let bridge: FakeBridge;
let spendLimitUsd = 1;
let refuse = false;

beforeEach(() => {
  spendLimitUsd = 1;
  refuse = false;
  bridge = new FakeBridge()
    .install()
    .handle('iterate.catalog', () => ({ models: [model('gone', { offline: true }), model('edit-2')], prices: null, fetchedAt: 1 }))
    .handle('iterate.prepare', () => {
      if (refuse) throw new Error('refused');
      return { priceUsd: 0.04, upscale: null };
    })
    .handle('iterate.queue', () => ({ jobId: '3e9c9f4b-6d7c-4a3b-8a7e-5c4f1d0b8ec3', priceUsd: 0.04, upscale: null }))
    .handle('settings.get_preferences', () => ({ spendLimitUsd }));
});
afterEach(uninstallBridge);

const calls = (route: string) => bridge.calls.filter((c) => c.route === route);
const ready = async (result: { current: ReturnType<typeof useIterateForm> }) => {
  await waitFor(() => expect(result.current.prepared.state).toBe('ready'));
};

describe('useIterateForm', () => {
  it('checks the combination main will send: the model’s first inputs, in the user’s order, on an online model', async () => {
    const { result } = renderHook(() => useIterateForm({ mode: 'combine', ids: [A, B, C], settings: { prompt: 'all together' } }));
    await waitFor(() => expect(result.current.settings.model).toBe('edit-2'));
    act(() => result.current.inputs.move(2, 0));
    await ready(result);
    expect(result.current.limit).toBe(2);
    const last = calls('iterate.prepare').at(-1)?.input as { draft: { inputs: { id: string }[]; model: string } };
    expect(last.draft.model).toBe('edit-2');
    expect(last.draft.inputs.map((i) => i.id)).toEqual([C, A]);

    act(() => result.current.submit());
    await waitFor(() => expect(result.current.send.state).toBe('queued'));
    expect(calls('iterate.queue')).toHaveLength(1);
    expect(calls('iterate.queue')[0]?.input).toEqual(last);
  });

  it('queues one paid job for a double press while the spend limit is being read', async () => {
    const { result } = renderHook(() => useIterateForm({ mode: 'edit', ids: [A], settings: { prompt: 'a gull' } }));
    await ready(result);
    bridge.hold('settings.get_preferences');
    act(() => {
      result.current.submit();
      result.current.submit();
    });
    act(() => result.current.submit());
    expect(calls('settings.get_preferences')).toHaveLength(1);
    await act(async () => bridge.release('settings.get_preferences'));
    await waitFor(() => expect(result.current.send.state).toBe('queued'));
    expect(calls('iterate.queue')).toHaveLength(1);
  });

  it('is not left sending when the spend question is declined, and sends the next press', async () => {
    spendLimitUsd = 0;
    const { result } = renderHook(() => useIterateForm({ mode: 'edit', ids: [A], settings: { prompt: 'a gull' } }));
    await ready(result);
    act(() => result.current.submit());
    await waitFor(() => expect(result.current.pendingSpend).not.toBeNull());
    expect(result.current.send.state).toBe('idle');
    act(() => result.current.cancelSpend());
    spendLimitUsd = 1;
    act(() => result.current.submit());
    await waitFor(() => expect(result.current.send.state).toBe('queued'));
    expect(calls('iterate.queue')).toHaveLength(1);
  });

  it('sends nothing while main refuses the draft', async () => {
    refuse = true;
    const { result } = renderHook(() => useIterateForm({ mode: 'edit', ids: [A], settings: { prompt: 'a gull' } }));
    await waitFor(() => expect(result.current.prepared.state).toBe('refused'));
    act(() => result.current.submit());
    expect(calls('iterate.queue')).toHaveLength(0);
  });

  it('asks above the spending limit and sends nothing when the answer is no', async () => {
    spendLimitUsd = 0;
    const { result } = renderHook(() => useIterateForm({ mode: 'edit', ids: [A], settings: { prompt: 'a gull' } }));
    await ready(result);
    act(() => result.current.submit());
    await waitFor(() => expect(result.current.pendingSpend).toMatchObject({ totalUsd: 0.04, limitUsd: 0 }));
    act(() => result.current.cancelSpend());
    expect(result.current.pendingSpend).toBeNull();
    expect(calls('iterate.queue')).toHaveLength(0);
  });

  it('puts the smaller copy of a refused input in its place, and checks the draft again', async () => {
    const copy = '4fae0a5c-7e8d-4b4c-9b8f-6d5a2e1c9fd4';
    bridge.handle('iterate.downscale_input', () => ({ id: copy, width: 8145, height: 4072, added: true }));
    const { result } = renderHook(() => useIterateForm({ mode: 'combine', ids: [A, B, C], settings: { prompt: 'all together' } }));
    await ready(result);
    const checks = calls('iterate.prepare').length;
    act(() => result.current.downscale.run(1));
    await waitFor(() => expect(result.current.inputs.ids).toEqual([A, copy, C]));
    expect(calls('iterate.downscale_input').map((c) => c.input)).toEqual([{ id: B }]);
    expect(result.current.downscale.done).toMatchObject({ position: 2, width: 8145, height: 4072 });
    await ready(result);
    const last = calls('iterate.prepare').at(-1)?.input as { draft: { inputs: { id: string }[] } };
    expect(calls('iterate.prepare').length).toBeGreaterThan(checks);
    expect(last.draft.inputs.map((i) => i.id)).toEqual([A, copy]);
    expect(calls('iterate.queue')).toHaveLength(0);
  });
});

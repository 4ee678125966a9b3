// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import type { FormEvent } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job, JobRequest } from '../../src/shared/ipc/schemas/jobs.ts';
import type { ModelInfo } from '../../src/shared/models.ts';
import type { BuiltRequest } from '../../src/renderer/src/features/generate/buildRequest.ts';
import { useGenerateSubmit } from '../../src/renderer/src/features/generate/useGenerateSubmit.ts';
import { FakeBridge, uninstallBridge } from './helpers/rendererBridge.ts';

const MODEL: ModelInfo = {
  id: 'z-image-turbo',
  name: 'Z-Image Turbo',
  description: null,
  traits: [],
  offline: false,
  deprecation: null,
  constraints: { promptCharacterLimit: 1500, steps: { default: 8, max: 8 }, widthHeightDivisor: 8 },
  pricing: { generation: { usd: 0.01, diem: 0.01 }, resolutions: null, quality: null },
  sizing: 'pixels',
  supportsNegativePrompt: false,
  usesSteps: false,
};

const built = (prompt: string): BuiltRequest => ({
  request: { endpoint: 'openai', prompt, model: MODEL.id, size: '1024x1024', output_format: 'png', n: 1 } as unknown as JobRequest,
  model: MODEL,
  problems: [],
  promptLimit: 1500,
});

const press = (submit: (e: FormEvent<HTMLFormElement>) => void) => submit({ preventDefault: () => {} } as FormEvent<HTMLFormElement>);

let bridge: FakeBridge;
let enqueued: string[];
const enqueue = async (requests: JobRequest[]): Promise<Job[]> => {
  enqueued.push(...requests.map((r) => (r as { prompt: string }).prompt));
  return [];
};

beforeEach(() => {
  enqueued = [];
  bridge = new FakeBridge().install().handle('settings.get_preferences', () => ({ spendLimitUsd: 5 }));
});
afterEach(uninstallBridge);

describe('pressing Generate', () => {
  it('sends one job for a double press while the spend limit is being read, and keeps the button off until sent', async () => {
    bridge.hold('settings.get_preferences');
    const { result } = renderHook(() => useGenerateSubmit({ built: built('a heron'), ready: true, enqueue, onQueued: () => {} }));
    act(() => {
      press(result.current.submit);
      press(result.current.submit);
    });
    expect(result.current.canSubmit).toBe(false);
    act(() => press(result.current.submit));
    expect(bridge.calls.filter((c) => c.route === 'settings.get_preferences')).toHaveLength(1);
    await act(async () => bridge.release('settings.get_preferences'));
    await waitFor(() => expect(result.current.canSubmit).toBe(true));
    expect(enqueued).toEqual(['a heron']);
  });

  it('sends the next prompt once the first is queued', async () => {
    const { result, rerender } = renderHook(({ prompt }) => useGenerateSubmit({ built: built(prompt), ready: true, enqueue, onQueued: () => {} }), {
      initialProps: { prompt: 'a heron' },
    });
    act(() => press(result.current.submit));
    await waitFor(() => expect(result.current.canSubmit).toBe(true));
    rerender({ prompt: 'a paper boat' });
    act(() => press(result.current.submit));
    await waitFor(() => expect(enqueued).toEqual(['a heron', 'a paper boat']));
  });

  it('frees the button while the spend question is up, and sends only once it is confirmed', async () => {
    bridge.handle('settings.get_preferences', () => ({ spendLimitUsd: 0.001 }));
    const { result } = renderHook(() => useGenerateSubmit({ built: built('a costly heron'), ready: true, enqueue, onQueued: () => {} }));
    act(() => press(result.current.submit));
    await waitFor(() => expect(result.current.spendGuard.pending).not.toBeNull());
    expect(enqueued).toEqual([]);
    act(() => press(result.current.submit));
    expect(bridge.calls.filter((c) => c.route === 'settings.get_preferences')).toHaveLength(1);
    act(() => result.current.spendGuard.confirm());
    await waitFor(() => expect(enqueued).toEqual(['a costly heron']));
    await waitFor(() => expect(result.current.canSubmit).toBe(true));
  });
});

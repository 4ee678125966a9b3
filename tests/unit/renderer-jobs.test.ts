// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import { useJobs } from '../../src/renderer/src/features/queue/useJobs.ts';
import { FakeBridge, uninstallBridge } from './helpers/rendererBridge.ts';

const job = (id: string, status: Job['status'], createdAt = 1): Job =>
  ({
    id,
    createdAt,
    startedAt: null,
    finishedAt: null,
    status,
    // The hook never reads the request: a stand-in keeps the fixture short.
    request: { prompt: `prompt ${id}` } as unknown as Job['request'],
    imageIds: [],
    error: null,
    mayHaveBeenCharged: false,
    attempts: 0,
    priceUsd: null,
  }) satisfies Job;

let bridge: FakeBridge;
beforeEach(() => {
  bridge = new FakeBridge().install();
});
afterEach(uninstallBridge);

describe('useJobs', () => {
  it('lists the queue newest first and merges events by id', async () => {
    bridge.handle('jobs.list', () => ({ jobs: [job('old', 'done', 1), job('new', 'queued', 2)] }));
    const { result } = renderHook(() => useJobs());
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current.jobs.map((j) => j.id)).toEqual(['new', 'old']);
    act(() => bridge.emit('jobs.changed', { jobs: [job('new', 'running', 2)] }));
    expect(result.current.jobs.map((j) => `${j.id}:${j.status}`)).toEqual(['new:running', 'old:done']);
  });

  it('a reply sent before an event never moves the job back', async () => {
    bridge.handle('jobs.list', () => ({ jobs: [job('j1', 'queued')] }));
    bridge.hold('jobs.list');
    const { result } = renderHook(() => useJobs());
    // The job finished while the list was on its way.
    act(() => bridge.emit('jobs.changed', { jobs: [job('j1', 'done')] }));
    act(() => bridge.release('jobs.list'));
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current.jobs.map((j) => j.status)).toEqual(['done']);
  });

  it('a finished job stays finished, whatever arrives after', async () => {
    bridge.handle('jobs.list', () => ({ jobs: [job('j1', 'failed')] }));
    bridge.handle('jobs.cancel', () => job('j1', 'running'));
    const { result } = renderHook(() => useJobs());
    await waitFor(() => expect(result.current.loaded).toBe(true));
    await act(() => result.current.cancel('j1'));
    act(() => bridge.emit('jobs.changed', { jobs: [job('j1', 'queued')] }));
    expect(result.current.jobs.map((j) => j.status)).toEqual(['failed']);
  });

  it('says why the list could not be read', async () => {
    const { result } = renderHook(() => useJobs());
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current.error?.code).toBe('INTERNAL');
    expect(result.current.jobs).toEqual([]);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../src/shared/ipc/channels.ts';
import type { LagoonApi } from '../../src/shared/ipc/contract.ts';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = {
    invoke: vi.fn<(...args: unknown[]) => Promise<unknown>>(async () => ({ ok: true, data: 'answer' })),
    on: vi.fn<(channel: string, fn: Listener) => void>((channel, fn) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), fn]);
    }),
    removeListener: vi.fn<(channel: string, fn: Listener) => void>((channel, fn) => {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== fn));
    }),
    /** What Electron does when main sends on a channel: the event object first, then the arguments. */
    deliver(channel: string, ...args: unknown[]): object {
      const event: object = { sender: ipcRenderer, senderId: 0, ports: [] };
      for (const fn of listeners.get(channel) ?? []) fn(event, ...args);
      return event;
    },
    count: (channel: string) => listeners.get(channel)?.length ?? 0,
  };
  const exposed: [string, unknown][] = [];
  const contextBridge = { exposeInMainWorld: vi.fn<(key: string, value: unknown) => void>((key, value) => void exposed.push([key, value])) };
  return { ipcRenderer, contextBridge, exposed };
});

vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

await import('../../src/preload/index.ts');

const api = (): LagoonApi => {
  const entry = fake.exposed[0];
  if (!entry) throw new Error('nothing was exposed');
  return entry[1] as LagoonApi;
};

describe('preload', () => {
  it('exposes exactly one key, api, with exactly request and on', () => {
    // Recorded by the fake itself: vitest clears mock.calls between tests, and the preload ran at import time.
    expect(fake.exposed.map(([key]) => key)).toEqual(['api']);
    expect(Object.keys(api()).toSorted()).toEqual(['on', 'request']);
    expect(api().request).toBeTypeOf('function');
    expect(api().on).toBeTypeOf('function');
    expect(Object.values(api())).not.toContain(fake.ipcRenderer);
  });

  it('forwards request(route, input) to invoke on the contract request channel and returns its answer', async () => {
    const result = await api().request('images.search', { query: {}, limit: 5 });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_REQUEST_CHANNEL, 'images.search', { query: {}, limit: 5 });
    expect(fake.ipcRenderer.invoke.mock.calls.at(-1)).toHaveLength(3);
    expect(result).toEqual({ ok: true, data: 'answer' });
  });

  it('calls back with the payload only, only for the named event, and unsubscribes', () => {
    const before = fake.ipcRenderer.count(IPC_EVENT_CHANNEL);
    const seen: unknown[][] = [];
    const off = api().on('images.changed', (...args: unknown[]) => seen.push(args));
    expect(fake.ipcRenderer.on).toHaveBeenLastCalledWith(IPC_EVENT_CHANNEL, expect.any(Function));
    expect(fake.ipcRenderer.count(IPC_EVENT_CHANNEL)).toBe(before + 1);

    const payload = { reason: 'added', ids: ['0d9a6c1e-6d2b-4b6e-9d57-0c8c0b1b8f00'] };
    const event = fake.ipcRenderer.deliver(IPC_EVENT_CHANNEL, 'images.changed', payload);
    fake.ipcRenderer.deliver(IPC_EVENT_CHANNEL, 'generation.progress', { other: true });
    fake.ipcRenderer.deliver('some-other-channel', 'images.changed', { wrong: true });
    expect(seen).toEqual([[payload]]);
    expect(seen.flat()).not.toContain(event);
    expect(seen.flat()).not.toContain(fake.ipcRenderer);

    off();
    expect(fake.ipcRenderer.count(IPC_EVENT_CHANNEL)).toBe(before);
    fake.ipcRenderer.deliver(IPC_EVENT_CHANNEL, 'images.changed', payload);
    expect(seen).toHaveLength(1);
  });

  it('keeps subscriptions independent', () => {
    const a = vi.fn<(payload: unknown) => void>();
    const b = vi.fn<(payload: unknown) => void>();
    const offA = api().on('images.changed', a);
    const offB = api().on('images.changed', b);
    offA();
    fake.ipcRenderer.deliver(IPC_EVENT_CHANNEL, 'images.changed', { reason: 'removed', ids: [] });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    offB();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => api().on('images.changed', 'alert(1)' as never)).toThrow(TypeError);
  });
});

describe('preload bundle (built with the project electron-vite config)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'lagoon-preload-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is one CommonJS file that requires nothing but electron (a sandboxed preload can load no more)', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const { resolveConfig } = await import('electron-vite');
    const { build } = await import('vite');
    const nodeEnv = process.env.NODE_ENV;
    const resolved = await resolveConfig({ root, configFile: 'electron.vite.config.ts', build: { outDir }, logLevel: 'silent' }, 'build', 'production');
    process.env.NODE_ENV = nodeEnv;
    const preloadConfig = resolved.config?.preload;
    expect(preloadConfig).toBeDefined();
    await build({ ...preloadConfig, logLevel: 'silent' });

    const code = readFileSync(join(outDir, 'preload', 'index.cjs'), 'utf8');
    // TypeScript's pre-processor finds require(), import and import() in JS while ignoring comments and strings.
    const { importedFiles } = ts.preProcessFile(code, true, true);
    expect(importedFiles.map((f) => f.fileName)).toEqual(['electron']);
    expect(code).toMatch(/\brequire\(\s*["']electron["']\s*\)/);
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(code).toContain(JSON.stringify(IPC_REQUEST_CHANNEL));
    expect(code).toContain(JSON.stringify(IPC_EVENT_CHANNEL));
    expect(code).not.toMatch(/\bprocess\.env\b/);
  }, 60_000);
});

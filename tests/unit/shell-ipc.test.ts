import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../src/shared/errors.ts';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../src/shared/ipc/channels.ts';
import type { RequestContext } from '../../src/main/core/ipc/router.ts';
import { inertContext } from './helpers/requestContext.ts';

const { broadcast, registerIpc } = await import('../../src/main/shell/ipc.ts');

type Handler = (event: unknown, route: unknown, input: unknown) => Promise<Result<unknown>>;

const APP_FRAME = { url: 'lagoon://app/index.html', parent: null, detached: false };
const CTX: RequestContext = inertContext();

type Dispatch = (route: unknown, input: unknown, ctx: RequestContext) => Promise<Result<unknown>>;

const setup = (dispatch: Dispatch) => {
  const handle = vi.fn<(channel: string, handler: Handler) => void>();
  const dispatchSpy = vi.fn<Dispatch>(dispatch);
  const makeContext = vi.fn<(event: unknown) => RequestContext>(() => CTX);
  const log = vi.fn<(line: string) => void>();
  registerIpc({ handle } as never, dispatchSpy, makeContext, log);
  expect(handle).toHaveBeenCalledTimes(1);
  const [channel, handler] = handle.mock.calls[0] as [string, Handler];
  return { channel, handler, dispatch: dispatchSpy, makeContext, log };
};

const ok = async (): Promise<Result<unknown>> => ({ ok: true, data: { present: false } });

const BAD_SENDERS: [string, unknown][] = [
  ['no senderFrame', { senderFrame: null }],
  ['undefined senderFrame', {}],
  ['an iframe of the app', { senderFrame: { ...APP_FRAME, parent: APP_FRAME } }],
  ['a detached frame', { senderFrame: { ...APP_FRAME, detached: true } }],
  ['another origin', { senderFrame: { ...APP_FRAME, url: 'https://evil.example/' } }],
  ['file://', { senderFrame: { ...APP_FRAME, url: 'file:///work/main/out/renderer/index.html' } }],
  ['a look-alike host', { senderFrame: { ...APP_FRAME, url: 'lagoon://app.evil/' } }],
  ['userinfo trick', { senderFrame: { ...APP_FRAME, url: 'lagoon://app@evil/' } }],
  ['about:blank', { senderFrame: { ...APP_FRAME, url: 'about:blank' } }],
  ['devtools', { senderFrame: { ...APP_FRAME, url: 'devtools://devtools/bundled/inspector.html' } }],
];

describe('registerIpc', () => {
  it('registers one handler, on the request channel', () => {
    expect(setup(ok).channel).toBe(IPC_REQUEST_CHANNEL);
  });

  it.each(BAD_SENDERS)('answers FORBIDDEN_SENDER to %s without dispatching', async (_name, event) => {
    const { handler, dispatch, makeContext } = setup(ok);
    const result = await handler(event, 'settings.get_key_status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(makeContext).not.toHaveBeenCalled();
  });

  it('dispatches a request from the app top frame with its context and returns the envelope as is', async () => {
    const { handler, dispatch, makeContext } = setup(ok);
    const event = { senderFrame: APP_FRAME, sender: {} };
    const result = await handler(event, 'settings.get_key_status', { x: 1 });
    expect(result).toEqual({ ok: true, data: { present: false } });
    expect(makeContext).toHaveBeenCalledWith(event);
    expect(dispatch).toHaveBeenCalledWith('settings.get_key_status', { x: 1 }, CTX);
  });

  it('passes failure envelopes from the router through unchanged', async () => {
    const failure: Result<unknown> = { ok: false, error: { code: 'KEY_MISSING', message: 'No key.' } };
    const { handler } = setup(async () => failure);
    expect(await handler({ senderFrame: APP_FRAME }, 'generation.start', {})).toEqual(failure);
  });

  it.each([
    ['throws', () => {
      throw new Error('boom');
    }],
    ['rejects', () => Promise.reject(new TypeError('bad'))],
    ['rejects with a non-error', () => Promise.reject('just a string')],
  ])('returns INTERNAL, never throws, when dispatch %s', async (_name, impl) => {
    const { handler } = setup(impl as never);
    const result = await handler({ senderFrame: APP_FRAME }, 'images.search', { query: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('returns INTERNAL when building the context throws, and does not dispatch', async () => {
    const { handler, dispatch, makeContext } = setup(ok);
    makeContext.mockImplementation(() => {
      throw new Error('webContents destroyed');
    });
    expect(await handler({ senderFrame: APP_FRAME }, 'images.search', { query: {} })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('returns INTERNAL when reading the sender frame throws', async () => {
    const { handler, dispatch } = setup(ok);
    const event = Object.defineProperty({}, 'senderFrame', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    expect(await handler(event, 'images.search', { query: {} })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('keeps the thrown message out of the reply and bearer tokens out of the log', async () => {
    const token = 'sk-canary-0123456789abcdef';
    const { handler, log } = setup(() => Promise.reject(new Error(`request failed with Authorization: Bearer ${token}`)));
    const result = await handler({ senderFrame: APP_FRAME }, 'generation.start', {});
    expect(JSON.stringify(result)).not.toContain(token);
    expect(JSON.stringify(result)).not.toContain('request failed');
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).not.toContain(token);
    expect(String(log.mock.calls[0]?.[0])).toContain('generation.start');
  });
});

const fakeWindow = (destroyed = false, contentsDestroyed = false) => ({
  isDestroyed: () => destroyed,
  webContents: { isDestroyed: () => contentsDestroyed, send: vi.fn<(channel: string, ...args: unknown[]) => void>() },
});

describe('broadcast', () => {
  it('sends the event name and payload on the event channel to every live window only', () => {
    const live = [fakeWindow(), fakeWindow()];
    const dead = fakeWindow(true);
    const deadContents = fakeWindow(false, true);
    const payload = { reason: 'added' as const, ids: ['0d9a6c1e-6d2b-4b6e-9d57-0c8c0b1b8f00'] };
    broadcast([live[0]!, dead, deadContents, live[1]!], 'images.changed', payload);
    for (const w of live) {
      expect(w.webContents.send).toHaveBeenCalledTimes(1);
      expect(w.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'images.changed', payload);
    }
    expect(dead.webContents.send).not.toHaveBeenCalled();
    expect(deadContents.webContents.send).not.toHaveBeenCalled();
  });
});

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/errors.ts';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../shared/ipc/channels.ts';
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { RequestContext } from '../core/ipc/router.ts';
import { isTrustedSender } from '../core/ipc/senderCheck.ts';
import { redact } from '../core/log.ts';

export type IpcDispatch = (route: unknown, input: unknown, ctx: RequestContext) => Promise<Result<unknown>>;

const forbidden: Result<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN_SENDER', message: 'This request did not come from the Lagoon window.' }),
}) as Result<never>;

const internal: Result<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'INTERNAL', message: 'Something went wrong inside Lagoon. Please try again.' }),
}) as Result<never>;

/**
 * The only IPC entry point: one invoke channel multiplexed by route name. The sender is checked before anything
 * else (checklist item 17), and nothing is thrown back, because Electron would keep only the message and the UI
 * branches on a code.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: IpcDispatch,
  makeContext: (event: IpcMainInvokeEvent) => RequestContext,
  log: (line: string) => void = console.error,
): void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, route: unknown, input: unknown): Promise<Result<unknown>> => {
    try {
      if (!isTrustedSender(event.senderFrame)) return forbidden;
      return await dispatch(route, input, makeContext(event));
    } catch (error) {
      log(`[ipc] request ${typeof route === 'string' ? route.slice(0, 80) : '?'} threw: ${redact(error)}`);
      return internal;
    }
  });
}

/** What broadcast needs of a BrowserWindow. */
export interface BroadcastTarget {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
}

/** Pushes a contract event to every live window's top frame. */
export function broadcast<E extends EventName>(windows: Iterable<BroadcastTarget>, eventName: E, payload: EventPayload<E>): void {
  for (const win of windows) {
    if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
    win.webContents.send(IPC_EVENT_CHANNEL, eventName, payload);
  }
}

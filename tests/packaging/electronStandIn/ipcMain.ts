import { EventEmitter } from 'node:events';
import { record } from './record.ts';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain: handlers are kept so the stand-in page can invoke them with a sender frame of its choosing. */
class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
    record('ipcMain.handle', { channel });
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export const ipcMain = new IpcMain();

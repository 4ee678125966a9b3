import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../shared/ipc/channels.ts';
import type { LagoonApi } from '../shared/ipc/contract.ts';

/**
 * The renderer's whole view of main: two functions. No ipcRenderer, no channel names, no event objects cross
 * the bridge (checklist item 20); every request is checked and parsed in main anyway.
 */
const api: LagoonApi = {
  request: (route, input) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, route, input),
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('on(event, listener) needs an event name and a function');
    // The IpcRendererEvent is dropped here: it carries `sender`, i.e. ipcRenderer itself.
    const relay = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) (listener as (payload: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);

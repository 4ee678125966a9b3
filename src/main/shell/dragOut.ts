import { nativeImage, type IpcMainInvokeEvent } from 'electron';
import type { RequestContext } from '../core/ipc/router.ts';

/**
 * Native drag-out of a library file to the desktop or another app. Core decides which file (a path it resolved
 * itself from an image id); this only hands it to the webContents that asked.
 */
export function makeRequestContext(event: Pick<IpcMainInvokeEvent, 'sender'>): RequestContext {
  return {
    startDrag({ file, icon }) {
      event.sender.startDrag({ file, icon: nativeImage.createFromPath(icon) });
    },
  };
}

/**
 * A stand-in for the `electron` module in the main process, for booting the packaged main bundle under Node
 * (register.ts maps the `electron` specifier here). It implements the parts of Electron's API Lagoon's main uses,
 * with Electron's order of events, and journals every call (record.ts) so a test can assert what main did and
 * when. Anything main imports that is missing here fails the boot at link time, as a missing export would.
 */
import { app } from './app.ts';
import { BrowserWindow } from './browserWindow.ts';
import { ipcMain } from './ipcMain.ts';
import { Menu } from './menu.ts';
import { isReady, record } from './record.ts';
import { session } from './session.ts';

export { app, BrowserWindow, ipcMain, Menu, session };

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    // Electron refuses this after ready; so does the stand-in, loudly.
    if (isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record('protocol.registerSchemesAsPrivileged', { schemes });
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', { title, content });
  },
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    record('dialog.showOpenDialog', { options: args.at(-1) });
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    record('dialog.showSaveDialog', { options: args.at(-1) });
    return { canceled: true, filePath: '' };
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    record('dialog.showMessageBox', { options: args.at(-1) });
    return { response: 0, checkboxChecked: false };
  },
};

interface NativeImage {
  isEmpty(): boolean;
  resize(options: { width?: number; height?: number }): NativeImage;
}
const emptyImage: NativeImage = { isEmpty: () => true, resize: () => emptyImage };
export const nativeImage = {
  createFromPath(path: string): NativeImage {
    record('nativeImage.createFromPath', { path });
    return emptyImage;
  },
  createEmpty: (): NativeImage => emptyImage,
};

export class ClipboardItem {
  readonly types: string[];
  constructor(items: Record<string, unknown>) {
    this.types = Object.keys(items);
  }
}
export const clipboard = {
  async write(items: ClipboardItem[]): Promise<void> {
    record('clipboard.write', { types: items.flatMap((i) => i.types) });
  },
  async writeText(text: string): Promise<void> {
    record('clipboard.writeText', { length: text.length });
  },
};

export const shell = {
  showItemInFolder(path: string): void {
    record('shell.showItemInFolder', { path });
  },
  async openExternal(url: string): Promise<void> {
    record('shell.openExternal', { url });
  },
};

export default { app, BrowserWindow, ClipboardItem, clipboard, dialog, ipcMain, Menu, nativeImage, protocol, session, shell };

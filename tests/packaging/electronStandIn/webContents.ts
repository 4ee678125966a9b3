import { EventEmitter } from 'node:events';
import { record } from './record.ts';

let nextId = 1;

/** The slice of Electron's WebContents main uses; sends are journaled, handlers kept for the page script to probe. */
export class WebContents extends EventEmitter {
  readonly id = nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  private destroyed = false;
  private url = '';

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
    record('webContents.setWindowOpenHandler');
  }
  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', { channel, args });
  }
  startDrag(item: { file: string; files?: string[] }): void {
    record('webContents.startDrag', { file: item.file, files: item.files ?? [] });
  }
  getURL(): string {
    return this.url;
  }
  setURL(url: string): void {
    this.url = url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }

  /**
   * What Chromium does before navigating: ask main's will-navigate listeners, which may prevent it. Returns
   * whether the navigation would go ahead.
   */
  tryNavigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => void (prevented = true) });
    return !prevented;
  }
}

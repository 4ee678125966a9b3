import { EventEmitter } from 'node:events';
import { loadPage } from './page.ts';
import { record } from './record.ts';
import { WebContents } from './webContents.ts';

const open = new Set<BrowserWindow>();
/** Set by the app module: what Electron does when the last window closes. */
export const windowEvents = new EventEmitter();

/** The slice of BrowserWindow main uses. Loading a URL runs the stand-in page (page.ts) in Chromium's place. */
export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  readonly options: Record<string, unknown>;
  private destroyed = false;
  private minimized = false;
  private visible = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    open.add(this);
    record('BrowserWindow.new', { options });
  }
  static getAllWindows(): BrowserWindow[] {
    return [...open];
  }
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return [...open].find((w) => w.webContents === contents) ?? null;
  }
  loadURL(url: string): Promise<void> {
    record('BrowserWindow.loadURL', { url });
    return loadPage(this, url);
  }
  loadFile(file: string): Promise<void> {
    record('BrowserWindow.loadFile', { file });
    return Promise.reject(new Error('the stand-in serves pages only through protocol handlers'));
  }
  show(): void {
    this.visible = true;
    record('BrowserWindow.show');
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    record('BrowserWindow.focus');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    record('BrowserWindow.restore');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** As the user closing it: 'close' (preventable), then 'closed', then the app hears when the last one went. */
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => void (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.webContents.destroy();
    open.delete(this);
    record('BrowserWindow.closed');
    this.emit('closed');
    if (open.size === 0) windowEvents.emit('all-closed');
  }
}

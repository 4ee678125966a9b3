import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, windowEvents } from './browserWindow.ts';
import { isReady, markReady, record } from './record.ts';

/** Chromium's switch syntax: `--name` or `--name=value`, up to a bare `--`. */
const switchValue = (name: string): string | undefined => {
  for (const arg of process.argv.slice(1)) {
    if (arg === '--') return undefined;
    if (arg === `--${name}`) return '';
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
};

class App extends EventEmitter {
  /** Packaged unless told otherwise; in-process tests may flip it. */
  isPackaged = process.env.LAGOON_STANDIN_PACKAGED !== '0';
  readonly commandLine = {
    hasSwitch: (name: string): boolean => switchValue(name) !== undefined,
    getSwitchValue: (name: string): string => switchValue(name) ?? '',
    appendSwitch: (name: string, value?: string): void => record('app.commandLine.appendSwitch', { name, value }),
  };
  private readonly readyPromise: Promise<void>;
  private quitting = false;

  constructor() {
    super();
    // Electron is ready once the browser process is up, after the main script's first turn has run.
    this.readyPromise = new Promise((resolve) => {
      setImmediate(() => {
        markReady();
        record('app.ready');
        this.emit('ready');
        resolve();
      });
    });
    windowEvents.on('all-closed', () => {
      record('app.window-all-closed');
      // Electron quits on its own only when nobody listens.
      if (this.listenerCount('window-all-closed') === 0) this.quit();
      else this.emit('window-all-closed');
    });
  }
  whenReady(): Promise<void> {
    record('app.whenReady');
    return this.readyPromise;
  }
  isReady(): boolean {
    return isReady();
  }
  enableSandbox(): void {
    record('app.enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return true;
  }
  getPath(name: string): string {
    const path = name === 'userData' ? process.env.LAGOON_STANDIN_USER_DATA : join(tmpdir(), `lagoon-standin-${name}`);
    if (!path) throw new Error('LAGOON_STANDIN_USER_DATA is not set');
    record('app.getPath', { name, path });
    return path;
  }
  /** The system's language (LAGOON_STANDIN_LOCALE, or en-US). */
  getLocale(): string {
    return process.env.LAGOON_STANDIN_LOCALE ?? 'en-US';
  }
  getAppPath(): string {
    return process.env.LAGOON_STANDIN_APP_PATH ?? process.cwd();
  }
  getName(): string {
    return 'Lagoon';
  }
  get name(): string {
    return this.getName();
  }
  getVersion(): string {
    return process.env.LAGOON_STANDIN_APP_VERSION ?? '0.0.0';
  }
  /** Electron's order: windows close, 'before-quit', 'will-quit' (preventable), then 'quit' and the process ends. */
  quit(): void {
    record('app.quit');
    if (this.quitting) return;
    this.quitting = true;
    for (const win of BrowserWindow.getAllWindows()) win.close();
    this.emit('before-quit', { preventDefault: () => record('app.before-quit.prevented') });
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => void (prevented = true) });
    this.quitting = false;
    if (prevented) {
      record('app.will-quit.prevented');
      return;
    }
    this.emit('quit', {}, 0);
    record('app.exit', { code: 0 });
    process.exit(0);
  }
  exit(code = 0): void {
    record('app.exit', { code });
    process.exit(code);
  }
}

export const app = new App();

import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, fn: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Listener): this {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]): void {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
    }
    count(name: string): number {
      return this.listeners.get(name)?.length ?? 0;
    }
  }
  class FakeWebContents extends Emitter {
    windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
    setWindowOpenHandler(fn: (details: { url: string }) => unknown): void {
      this.windowOpenHandler = fn;
    }
    loadURL = vi.fn<(url: string) => Promise<void>>(async () => {});
    loadFile = vi.fn<(path: string) => Promise<void>>(async () => {});
  }
  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Emitter {
    options: Record<string, unknown>;
    webContents = new FakeWebContents();
    loadURL = vi.fn<(url: string) => Promise<void>>(async () => {});
    loadFile = vi.fn<(path: string) => Promise<void>>(async () => {});
    show = vi.fn<() => void>();
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      windows.push(this);
    }
  }
  return { app: { isPackaged: false }, FakeBrowserWindow, windows };
});

vi.mock('electron', () => ({ app: fake.app, BrowserWindow: fake.FakeBrowserWindow }));

const { createSecureWindow, SECURE_WEB_PREFERENCES } = await import('../../src/main/shell/window.ts');

/** Written out literally, so the test does not compare the constant with itself. */
const BASELINE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
};

const PRELOAD = '/opt/Lagoon/resources/app.asar/out/preload/index.cjs';

const newWindow = () => {
  createSecureWindow(PRELOAD);
  const win = fake.windows.at(-1);
  if (!win) throw new Error('no window was created');
  return win;
};

const navEvent = (url: string) => ({ url, preventDefault: vi.fn<() => void>() });

const ALLOWED = ['lagoon://app/index.html', 'lagoon://app/', 'lagoon://app/index.html#/library', 'LAGOON://app/index.html'];
const BLOCKED = [
  'https://evil.example/',
  'http://127.0.0.1:8080/',
  'lagoon://app.evil.com/',
  'lagoon://app@evil/',
  'lagoon://evil/',
  'lagoon://APP/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'chrome://gpu',
  'devtools://devtools/bundled/inspector.html',
  ' lagoon://app/index.html',
  'lagoon://аpp/',
];

describe('createSecureWindow', () => {
  beforeEach(() => {
    fake.windows.length = 0;
    fake.app.isPackaged = false;
  });

  it('creates exactly one BrowserWindow whose webPreferences deep-equal the secure baseline', () => {
    const win = newWindow();
    expect(fake.windows).toHaveLength(1);
    expect(win.options.webPreferences).toStrictEqual({ ...BASELINE, preload: PRELOAD, devTools: true });
  });

  it('turns DevTools off in a packaged app', () => {
    fake.app.isPackaged = true;
    expect(newWindow().options.webPreferences).toStrictEqual({ ...BASELINE, preload: PRELOAD, devTools: false });
  });

  it('exports a frozen baseline equal to the expected one', () => {
    expect(SECURE_WEB_PREFERENCES).toStrictEqual(BASELINE);
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    expect(() => {
      (SECURE_WEB_PREFERENCES as Record<string, unknown>).sandbox = false;
    }).toThrow(TypeError);
  });

  it('loads lagoon://app/index.html and never a file', () => {
    const win = newWindow();
    expect(win.loadURL).toHaveBeenCalledTimes(1);
    expect(win.loadURL).toHaveBeenCalledWith('lagoon://app/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(win.webContents.loadFile).not.toHaveBeenCalled();
  });

  it.each([...ALLOWED, ...BLOCKED])('denies window.open(%j)', (url) => {
    const handler = newWindow().webContents.windowOpenHandler;
    expect(handler).toBeTypeOf('function');
    expect(handler?.({ url })).toEqual({ action: 'deny' });
  });

  describe.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s', (eventName) => {
    it('has exactly one guard', () => {
      expect(newWindow().webContents.count(eventName)).toBe(1);
    });

    it.each(BLOCKED)('blocks %j', (url) => {
      const event = navEvent(url);
      newWindow().webContents.emit(eventName, event, url);
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
    });

    it.each(ALLOWED)('allows %j', (url) => {
      const event = navEvent(url);
      newWindow().webContents.emit(eventName, event, url);
      expect(event.preventDefault).not.toHaveBeenCalled();
    });

    it('judges the event url, not the deprecated positional one', () => {
      const event = navEvent('https://evil.example/');
      newWindow().webContents.emit(eventName, event, 'lagoon://app/index.html');
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
    });
  });

  it('blocks every <webview> attach', () => {
    const win = newWindow();
    expect(win.webContents.count('will-attach-webview')).toBe(1);
    const event = navEvent('lagoon://app/index.html');
    const webPreferences = { nodeIntegration: false };
    win.webContents.emit('will-attach-webview', event, webPreferences, { src: 'lagoon://app/index.html' });
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('shows the window only once it is ready', () => {
    const win = newWindow();
    expect(win.show).not.toHaveBeenCalled();
    expect(win.options.show).toBe(false);
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });
});

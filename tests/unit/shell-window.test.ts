import { beforeEach, describe, expect, it, vi } from 'vitest';

// The stand-in Electron the packaged-boot test runs main with (tests/packaging/electronStandIn), not a fake of its own.
vi.mock('electron', () => import('../packaging/electronStandIn/electron.ts'));
const { app, BrowserWindow, session } = await import('../packaging/electronStandIn/electron.ts');
const { memoryJournal } = await import('../packaging/electronStandIn/record.ts');
const { createSecureWindow, createSplashWindow, SECURE_WEB_PREFERENCES } = await import('../../src/main/shell/window.ts');

// Main listens for this too; without a listener Electron (and the stand-in) would quit when the last window closes.
app.on('window-all-closed', () => {});
// What main registers before any window: the page the stand-in loads in Chromium's place comes from here.
session.defaultSession.protocol.handle('lagoon', () => new Response('<!doctype html><title>Lagoon</title>', { headers: { 'Content-Type': 'text/html' } }));

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
  const before = BrowserWindow.getAllWindows().length;
  createSecureWindow(PRELOAD);
  const windows = BrowserWindow.getAllWindows();
  if (windows.length !== before + 1) throw new Error('not exactly one window was created');
  return windows.at(-1)!;
};
const optionsOf = (win: InstanceType<typeof BrowserWindow>) => win.options as { show?: boolean; webPreferences: Record<string, unknown> };
const calls = (call: string) => memoryJournal.filter((r) => r.call === call);

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
    for (const win of BrowserWindow.getAllWindows()) win.close();
    memoryJournal.length = 0;
    app.isPackaged = false;
  });

  it('creates exactly one BrowserWindow whose webPreferences deep-equal the secure baseline', () => {
    const win = newWindow();
    expect(calls('BrowserWindow.new')).toHaveLength(1);
    expect(optionsOf(win).webPreferences).toStrictEqual({ ...BASELINE, preload: PRELOAD, devTools: true });
  });

  it('turns DevTools off in a packaged app', () => {
    app.isPackaged = true;
    expect(optionsOf(newWindow()).webPreferences).toStrictEqual({ ...BASELINE, preload: PRELOAD, devTools: false });
  });

  it('exports a frozen baseline equal to the expected one', () => {
    expect(SECURE_WEB_PREFERENCES).toStrictEqual(BASELINE);
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    expect(() => {
      (SECURE_WEB_PREFERENCES as Record<string, unknown>).sandbox = false;
    }).toThrow(TypeError);
  });

  it('loads lagoon://app/index.html and never a file', () => {
    newWindow();
    expect(calls('BrowserWindow.loadURL').map((r) => r.url)).toEqual(['lagoon://app/index.html']);
    expect(calls('BrowserWindow.loadFile')).toEqual([]);
  });

  it.each([...ALLOWED, ...BLOCKED])('denies window.open(%j)', (url) => {
    const handler = newWindow().webContents.windowOpenHandler;
    expect(handler).toBeTypeOf('function');
    expect(handler?.({ url })).toEqual({ action: 'deny' });
  });

  describe.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s', (eventName) => {
    it('has exactly one guard', () => {
      expect(newWindow().webContents.listenerCount(eventName)).toBe(1);
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
    expect(win.webContents.listenerCount('will-attach-webview')).toBe(1);
    const event = navEvent('lagoon://app/index.html');
    const webPreferences = { nodeIntegration: false };
    win.webContents.emit('will-attach-webview', event, webPreferences, { src: 'lagoon://app/index.html' });
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('shows the window only once its page is ready', async () => {
    const win = newWindow();
    expect(optionsOf(win).show).toBe(false);
    expect(win.isVisible()).toBe(false);
    await vi.waitFor(() => expect(win.isVisible()).toBe(true));
    const order = memoryJournal.map((r) => r.call).filter((c) => c === 'page.loaded' || c === 'BrowserWindow.show');
    expect(order).toEqual(['page.loaded', 'BrowserWindow.show']);
  });
});

describe('createSplashWindow', () => {
  beforeEach(() => {
    for (const win of BrowserWindow.getAllWindows()) win.close();
    memoryJournal.length = 0;
  });

  it('has the secure baseline with no script, no preload and no DevTools', () => {
    const win = createSplashWindow() as unknown as InstanceType<typeof BrowserWindow>;
    expect(optionsOf(win).webPreferences).toEqual({ ...BASELINE, javascript: false, devTools: false });
    expect(optionsOf(win).show).toBe(false);
  });

  it('opens no windows, navigates nowhere and attaches no <webview> of its own accord', () => {
    const win = createSplashWindow() as unknown as InstanceType<typeof BrowserWindow>;
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-attach-webview'] as const) {
      const event = navEvent('https://evil.example/');
      win.webContents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalledTimes(1);
    }
  });
});

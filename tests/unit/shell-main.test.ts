import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

/** A recording fake of the slice of Electron main.ts touches; `log` keeps the order of lifecycle calls. */
const fake = vi.hoisted(() => {
  const state = {
    log: [] as string[],
    lock: true,
    ready: { resolve: () => {} } as { resolve: () => void },
    appListeners: new Map<string, Listener[]>(),
    windows: [] as FakeWindow[],
    ipcHandlers: [] as [string, unknown][],
    protocolHandlers: [] as [string, unknown][],
    permissionHandlers: 0,
  };
  class FakeWindow {
    options: { webPreferences: { preload: string } };
    listeners = new Map<string, Listener[]>();
    loadedUrls: string[] = [];
    focused = 0;
    restored = 0;
    minimized = false;
    sent: unknown[][] = [];
    webContents = {
      setWindowOpenHandler: () => {},
      on: () => {},
      isDestroyed: () => false,
      send: (...args: unknown[]) => this.sent.push(args),
    };
    constructor(options: { webPreferences: { preload: string } }) {
      this.options = options;
      state.windows.push(this);
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => this.minimized;
    restore = () => void this.restored++;
    focus = () => void this.focused++;
  }
  const session = {
    setPermissionRequestHandler: () => void state.permissionHandlers++,
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
    protocol: { handle: (scheme: string, handler: unknown) => void state.protocolHandlers.push([scheme, handler]) },
  };
  const app = {
    isPackaged: false,
    commandLine: { hasSwitch: () => false, getSwitchValue: () => '' },
    enableSandbox: () => void state.log.push('enableSandbox'),
    requestSingleInstanceLock: () => (state.log.push('requestSingleInstanceLock'), state.lock),
    whenReady: () => {
      state.log.push('whenReady');
      return new Promise<void>((resolve) => (state.ready.resolve = resolve));
    },
    getPath: (name: string) => `/home/u/.config/Lagoon-${name}`,
    getLocale: () => 'en-US',
    on: (name: string, fn: Listener) => {
      state.appListeners.set(name, [...(state.appListeners.get(name) ?? []), fn]);
      return app;
    },
    quit: () => void state.log.push('quit'),
    exit: (code: number) => void state.log.push(`exit ${code}`),
  };
  const electron = {
    app,
    session: { defaultSession: session },
    protocol: { registerSchemesAsPrivileged: () => void state.log.push('registerSchemesAsPrivileged') },
    ipcMain: { handle: (channel: string, fn: unknown) => void state.ipcHandlers.push([channel, fn]) },
    BrowserWindow: Object.assign(FakeWindow, { getAllWindows: () => state.windows }),
    dialog: { showErrorBox: (title: string) => void state.log.push(`dialog ${title}`) },
    nativeImage: { createFromPath: () => ({}) },
  };
  const core = {
    created: [] as unknown[][],
    closed: 0,
    shutdowns: 0,
    eventListener: undefined as undefined | ((name: string, payload: unknown) => void),
    fail: false,
  };
  return { state, electron, core, session };
});

vi.mock('electron', () => fake.electron);
// electron-vite turns this import into the built chunk's path; db-checks-worker.test.ts checks the real build.
vi.mock('../../src/main/core/db/checkWorker.ts?modulePath', () => ({ default: '/app/out/main/chunks/checkWorker.js' }));
vi.mock('../../src/main/core/createCore.ts', () => ({
  createCore: async (...args: unknown[]) => {
    fake.core.created.push(args);
    if (fake.core.fail) throw new Error('database is locked');
    return {
      dispatch: async () => ({ ok: true, data: null }),
      appRequestHandler: async () => new Response('ok'),
      onEvent: (listener: (name: string, payload: unknown) => void) => {
        fake.core.eventListener = listener;
        return () => {};
      },
      library: {},
      close: () => void fake.core.closed++,
      shutdown: async () => void fake.core.shutdowns++,
    };
  },
}));

const emitApp = (name: string, ...args: unknown[]) => {
  for (const fn of fake.state.appListeners.get(name) ?? []) fn(...args);
};

const boot = async ({ lock = true, coreFails = false } = {}) => {
  vi.resetModules();
  Object.assign(fake.state, { log: [], lock, windows: [], ipcHandlers: [], protocolHandlers: [], permissionHandlers: 0 });
  fake.state.appListeners.clear();
  Object.assign(fake.core, { created: [], closed: 0, shutdowns: 0, eventListener: undefined, fail: coreFails });
  // As `electron .` started from a checkout with no arguments: the window, not the CLI (cliMode.ts).
  process.argv = ['/usr/lib/electron/electron', '.'];
  await import('../../src/main/shell/main.ts');
};

const becomeReady = async () => {
  fake.state.ready.resolve();
  await vi.waitFor(() => expect(fake.state.windows.length + fake.state.log.filter((l) => l.startsWith('exit')).length).toBeGreaterThan(0));
};

describe('main.ts lifecycle', () => {
  beforeEach(() => {
    delete process.env.LAGOON_DATA_DIR;
    delete process.env.LAGOON_API_BASE_URL;
  });

  it('enables the sandbox and registers the scheme before waiting for ready', async () => {
    await boot();
    const { log } = fake.state;
    expect(log.indexOf('enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('enableSandbox')).toBeLessThan(log.indexOf('whenReady'));
    expect(log.indexOf('registerSchemesAsPrivileged')).toBeLessThan(log.indexOf('whenReady'));
    expect(fake.state.windows).toHaveLength(0); // nothing before ready
  });

  it('quits at once when another instance holds the lock', async () => {
    await boot({ lock: false });
    expect(fake.state.log).toContain('quit');
    expect(fake.state.log).not.toContain('whenReady');
  });

  it('on ready wires core, session guards, the protocol, one IPC handler and one secure window', async () => {
    await boot();
    await becomeReady();
    const [config, deps] = fake.core.created[0] as [{ dataDir: string }, { rendererDir: string; checkWorkerPath: string }];
    expect(config.dataDir).toBe('/home/u/.config/Lagoon-userData');
    expect(deps.checkWorkerPath).toBe('/app/out/main/chunks/checkWorker.js');
    expect(deps.rendererDir.replaceAll('\\', '/')).toMatch(/\/renderer$/);
    expect(fake.state.permissionHandlers).toBeGreaterThanOrEqual(1);
    expect(fake.state.protocolHandlers.map(([scheme]) => scheme)).toEqual(['lagoon']);
    expect(fake.state.ipcHandlers.map(([channel]) => channel)).toEqual(['lagoon:request']);
    expect(fake.state.windows).toHaveLength(1);
    const win = fake.state.windows[0]!;
    expect(win.options.webPreferences.preload.replaceAll('\\', '/')).toMatch(/\/preload\/index\.cjs$/);
    expect(win.loadedUrls).toEqual(['lagoon://app/index.html']);
    expect(fake.state.appListeners.get('session-created')).toHaveLength(1);
  });

  it('forwards core events to the windows on the event channel', async () => {
    await boot();
    await becomeReady();
    const payload = { reason: 'added', ids: [] };
    fake.core.eventListener?.('images.changed', payload);
    expect(fake.state.windows[0]!.sent).toEqual([['lagoon:event', 'images.changed', payload]]);
  });

  it('focuses the existing window for a second instance and re-creates one on activate only when none is open', async () => {
    await boot();
    await becomeReady();
    const win = fake.state.windows[0]!;
    win.minimized = true;
    emitApp('second-instance');
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
    emitApp('activate');
    expect(fake.state.windows).toHaveLength(1);
    fake.state.windows.length = 0;
    emitApp('activate');
    expect(fake.state.windows).toHaveLength(1);
  });

  it('holds the quit until core has shut down, once, and quits when all windows close (except on macOS)', async () => {
    await boot();
    await becomeReady();
    emitApp('window-all-closed');
    expect(fake.state.log.includes('quit')).toBe(process.platform !== 'darwin');
    fake.state.log.length = 0;
    const first = { preventDefault: vi.fn() };
    emitApp('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalledOnce(); // running generations get to learn whether they were sent
    await vi.waitFor(() => expect(fake.state.log).toContain('quit')); // …then the app quits for real
    const second = { preventDefault: vi.fn() };
    emitApp('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(fake.core.shutdowns).toBe(1);
    expect(fake.core.closed).toBe(0);
  });

  it('shows an error and exits when core cannot start', async () => {
    await boot({ coreFails: true });
    await becomeReady();
    expect(fake.state.log).toContain('dialog Lagoon could not start');
    expect(fake.state.log).toContain('exit 1');
    expect(fake.state.windows).toHaveLength(0);
  });
});

import { app, BrowserWindow, type WebPreferences } from 'electron';
import { isAppNavigation } from '../core/ipc/senderCheck.ts';
import { APP_ORIGIN } from '../../shared/app.ts';

/**
 * The one set of web preferences any Lagoon window gets (Electron security checklist items 2–4, 6, 8–12).
 * Several are Electron's defaults today; they are spelled out so a default changing upstream, or a careless
 * edit here, fails the factory test instead of shipping.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
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
} as const satisfies WebPreferences);

const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Navigation guard: the URL is judged after parsing (senderCheck.ts), never by prefix. */
const keepInApp = (event: { url: string; preventDefault(): void }): void => {
  if (!isAppNavigation(event.url)) event.preventDefault();
};

/**
 * The only place a BrowserWindow is created. The renderer is served by the privileged lagoon:// scheme, never
 * from file:// (checklist item 18), and the window may not open windows, leave the app or host a <webview>.
 */
export function createSecureWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 800,
    minHeight: 560,
    title: 'Lagoon',
    show: false,
    backgroundColor: '#0b1e2d',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath, devTools: !app.isPackaged },
  });
  const contents = win.webContents;

  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-frame-navigate', keepInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());

  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`[window] the app page did not load: ${error instanceof Error ? error.message : String(error)}`);
  });
  return win;
}

/**
 * The small window a library upgrade shows before the app's window (migrationSplash.ts): the same secure preferences
 * with no preload and no script at all, and it may not open windows or navigate; its pages are loaded by main.
 */
export function createSplashWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 460,
    height: 210,
    useContentSize: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    title: 'Lagoon',
    show: false,
    backgroundColor: '#0b1e2d',
    webPreferences: { ...SECURE_WEB_PREFERENCES, javascript: false, devTools: false },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  return win;
}

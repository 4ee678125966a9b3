import { BrowserWindow } from 'electron';
import { type SplashStep, splashLanguage, splashUrl } from './splashPage.ts';
import { SECURE_WEB_PREFERENCES } from './window.ts';

export interface MigrationSplash {
  /** Shows the step (opening the window at the first one). */
  step(step: SplashStep): void;
  /** Closes the window if one was opened. */
  close(): void;
}

/**
 * A small window that says the library is being upgraded, opened only when a migration actually runs (most starts
 * have none), closed before the app's window opens. Its page has no script, no preload and may not navigate: a
 * step is shown by loading the next page.
 */
export function createMigrationSplash(locale: string): MigrationSplash {
  const language = splashLanguage(locale);
  let win: BrowserWindow | null = null;
  const show = (url: string): void => {
    win?.loadURL(url).catch((error: unknown) => console.error(`[splash] ${error instanceof Error ? error.message : String(error)}`));
  };
  return {
    step(step) {
      if (!win) {
        win = new BrowserWindow({
          width: 460,
          useContentSize: true,
          height: 210,
          resizable: false,
          minimizable: false,
          maximizable: false,
          fullscreenable: false,
          title: 'Lagoon',
          show: false,
          backgroundColor: '#0b1e2d',
          webPreferences: { ...SECURE_WEB_PREFERENCES, javascript: false, devTools: false },
        });
        const opened = win;
        opened.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
        opened.webContents.on('will-navigate', (event) => event.preventDefault());
        opened.once('ready-to-show', () => opened.show());
      }
      show(splashUrl(step, language));
    },
    close() {
      if (win && !win.isDestroyed()) win.close();
      win = null;
    },
  };
}

import type { BrowserWindow } from 'electron';
import { type SplashStep, splashLanguage, splashUrl } from './splashPage.ts';
import { createSplashWindow } from './window.ts';

export interface MigrationSplash {
  /** Shows the step (opening the window at the first one). */
  step(step: SplashStep): void;
  /** Closes the window if one was opened. */
  close(): void;
}

/**
 * A small window that says the library is being upgraded, opened only when a migration actually runs (most starts
 * have none), closed before the app's window opens. A step is shown by loading the next page (window.ts makes the
 * window: no script, no preload, no navigation of its own).
 */
export function createMigrationSplash(locale: string): MigrationSplash {
  const language = splashLanguage(locale);
  let win: BrowserWindow | null = null;
  const show = (url: string): void => {
    win?.loadURL(url).catch((error: unknown) => console.error(`[splash] ${error instanceof Error ? error.message : String(error)}`));
  };
  return {
    step(step) {
      // Closed by the user: the app is quitting (the upgrade goes on from this step next time), nothing to show.
      if (win?.isDestroyed()) return;
      win ??= createSplashWindow();
      show(splashUrl(step, language));
    },
    close() {
      if (win && !win.isDestroyed()) win.close();
      win = null;
    },
  };
}

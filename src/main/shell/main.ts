import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { type Core, createCore } from '../core/createCore.ts';
// Built as a chunk of its own: the library's long database checks run on a worker thread (dbChecks.ts). The
// default export is the chunk's path, made by electron-vite (modulePath.d.ts), not the module's own exports.
// oxlint-disable-next-line import/default
import checkWorkerPath from '../core/db/checkWorker.ts?modulePath';
// The same for imported files' metadata (inspector.ts): hostile files are parsed there, within a budget.
// oxlint-disable-next-line import/default
import inspectWorkerPath from '../core/transfer/inspectWorker.ts?modulePath';
// And for a library's pending migrations (migrateOffThread.ts): a long upgrade leaves the main process answering.
// oxlint-disable-next-line import/default
import migrateWorkerPath from '../core/db/migrateWorker.ts?modulePath';
import { redact } from '../core/log.ts';
import { installAppMenu } from './appMenu.ts';
import { isCliInvocation, userArguments } from './cliMode.ts';
import { MAC_LINK_DIR } from './commandLineTool.ts';
import { runHeadlessCli } from './headlessCli.ts';
import { DEV_BASE_URL_SWITCH, launchConfig } from './launchConfig.ts';
import { createMigrationSplash, type MigrationSplash } from './migrationSplash.ts';
import { makeRequestContext } from './requestContext.ts';
import { broadcast, registerIpc } from './ipc.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { installSessionGuards } from './sessionGuards.ts';
import type { SplashStep } from './splashPage.ts';
import { createSecureWindow } from './window.ts';

// electron-vite writes out/main/index.js, out/preload/index.cjs and out/renderer/ side by side.
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const rendererDir = join(import.meta.dirname, '../renderer');

let core: Core | undefined;

/** A restore chosen in Settings happens at the next start, before the database opens: this starts it now. */
const relaunch = (): void => {
  app.relaunch();
  app.quit();
};

const openWindow = (): BrowserWindow => createSecureWindow(preloadPath);

/**
 * A library upgrade runs before the app's window opens (and on a worker thread): a splash shows its steps, and the
 * log names them.
 */
const migrationProgress = (splash: MigrationSplash) => (step: SplashStep): void => {
  console.log(`[db] upgrading the library: step ${step.step} of ${step.steps} (${step.name})`);
  splash.step(step);
};

const focusExistingWindow = (): void => {
  const [win] = BrowserWindow.getAllWindows();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
};

const start = async (): Promise<void> => {
  // Covers every session, including any a future partition creates, before a page can ask for anything.
  app.on('session-created', installSessionGuards);
  installSessionGuards(session.defaultSession);

  const devBaseUrl = app.commandLine.hasSwitch(DEV_BASE_URL_SWITCH) ? app.commandLine.getSwitchValue(DEV_BASE_URL_SWITCH) : undefined;
  const config = launchConfig({ env: process.env, isPackaged: app.isPackaged, devBaseUrl, userData: app.getPath('userData') });
  // On failure the splash stays up behind the error box until the app exits.
  const splash = createMigrationSplash(app.getLocale());
  core = await createCore(config, { rendererDir, checkWorkerPath, inspectWorkerPath, migrateWorkerPath, onMigrationStep: migrationProgress(splash), relaunch });
  handleAppProtocol(session.defaultSession, core.appRequestHandler);
  registerIpc(ipcMain, core.dispatch, makeRequestContext);
  core.onEvent((name, payload) => broadcast(BrowserWindow.getAllWindows(), name, payload));
  installAppMenu(process.platform, { resourcesPath: process.resourcesPath, linkDir: MAC_LINK_DIR });

  openWindow();
  // Only now: closing the last window would quit the app (window-all-closed).
  splash.close();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
};

const startWindowedApp = (): void => {
  // Both must happen before 'ready': the sandbox for every renderer, the scheme's privileges for lagoon://.
  app.enableSandbox();
  registerAppScheme();

  // One window process at a time: a second launch focuses the first. (A CLI command beside it shares the library
  // through SQLite's own locking, as two CLI runs do.)
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    app.on('second-instance', focusExistingWindow);
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    // Quitting waits (briefly) for running generations to learn whether each was ever sent: one that never left is
    // queued for next time instead of being reported as possibly charged.
    app.on('will-quit', (event) => {
      const closing = core;
      if (!closing) return;
      core = undefined;
      event.preventDefault();
      void closing
        .shutdown()
        .catch((error: unknown) => console.error(`[main] shutdown: ${redact(error)}`))
        .finally(() => app.quit());
    });
    app
      .whenReady()
      .then(start)
      .catch((error: unknown) => {
        const reason = redact(error instanceof Error ? error.message : error);
        console.error(`[main] Lagoon could not start: ${reason}`);
        dialog.showErrorBox('Lagoon could not start', reason);
        app.exit(1);
      });
  }
};

const args = userArguments(process.argv, app.isPackaged);
if (isCliInvocation(args)) {
  // `lagoon <command>` from the PATH: the CLI, headless, beside a running window if there is one (so no lock).
  // On macOS a command run from a terminal shows no Dock icon.
  app.dock?.hide();
  runHeadlessCli(args, { isPackaged: app.isPackaged, inspectWorkerPath }, (code) => app.exit(code)).catch((error: unknown) => {
    console.error(`lagoon: ${redact(error instanceof Error ? error.message : error)}`);
    app.exit(1);
  });
} else {
  startWindowedApp();
}

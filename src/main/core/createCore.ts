import { contentSecurityPolicy } from '../../shared/csp.ts';
import { type CoreConfig, databasePath } from './config.ts';
import type { MigrationStep } from './db/migrate.ts';
import { migrateOffThread, pendingMigrationsAt } from './db/migrateOffThread.ts';
import type { EventListener } from './events/eventBus.ts';
import { buildHandlers } from './handlers/index.ts';
import { createRouter, type Dispatch } from './ipc/router.ts';
import type { Library } from './library/library.ts';
import { createAppRequestHandler } from './protocol/appRequestHandler.ts';
import { finishPendingRestore } from './library/restore.ts';
import { createServices, type ServiceDeps } from './services.ts';

export interface Core {
  dispatch: Dispatch;
  /** Serves the renderer bundle and library media (lagoon://app in Electron, loopback HTTP in the harness). */
  appRequestHandler: (request: Request) => Promise<Response>;
  onEvent(listener: EventListener): () => void;
  library: Library;
  /** Preferred on quit: lets running generations report whether they were sent before the database closes. */
  shutdown(): Promise<void>;
  close(): void;
}

export interface CoreDeps extends ServiceDeps {
  rendererDir: string;
  /** Restarts the app (Electron's relaunch): a restore the user chose then happens at once. */
  relaunch?: () => void;
  /** The harness widens connect-src to its own WebSocket; the app never does. */
  csp?: string;
  /** The built migrateWorker.ts: a library's pending migrations run there, off the thread that paints progress. */
  migrateWorkerPath?: string;
  /** Each pending migration as it begins (a progress window shows "step 2 of 3"). */
  onMigrationStep?: (step: MigrationStep) => void;
}

/** What a window needs: the services behind the IPC router, and the lagoon:// handler. Electron's shell and the e2e harness both call it. */
export const createCore = async (config: CoreConfig, deps: CoreDeps): Promise<Core> => {
  // A restore the user asked for (or one a crash interrupted) is carried out before the database is opened; if it
  // cannot be finished, starting on would open (or create) the wrong database, so the start fails instead.
  const restoredFromBackup = await finishPendingRestore(config.dataDir);
  // A long upgrade (minutes at a million images) runs on a worker, step by step, each step committed on its own.
  const dbPath = databasePath(config);
  if (pendingMigrationsAt(dbPath) > 0) await migrateOffThread(dbPath, deps.migrateWorkerPath, (step) => deps.onMigrationStep?.(step));
  // Every request from the window, over IPC or lagoon://, is noted: the launch sweep waits for a quiet moment.
  const now = deps.clock ? () => deps.clock!.now() : Date.now;
  let lastRequestAt = Number.NEGATIVE_INFINITY;
  const noted = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    lastRequestAt = now();
    return fn(...args);
  };
  const services = createServices(config, { ...deps, restoredFromBackup, lastRequestAt: () => lastRequestAt });
  const { library, events } = services;
  const dispatch = createRouter(buildHandlers({ ...services, apiBaseUrl: config.apiBaseUrl, ...(deps.relaunch ? { relaunch: deps.relaunch } : {}) }));
  const appRequestHandler = createAppRequestHandler({ rendererDir: deps.rendererDir, library, csp: deps.csp ?? contentSecurityPolicy() });
  return {
    dispatch: noted(dispatch),
    appRequestHandler: noted(appRequestHandler),
    onEvent: (listener) => events.subscribe(listener),
    library,
    shutdown: () => services.shutdown(),
    close: () => services.close(),
  };
};

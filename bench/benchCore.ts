import { join } from 'node:path';
import { type Core, createCore } from '../src/main/core/createCore.ts';
import type { RequestContext } from '../src/main/core/ipc/router.ts';
import type { SecretStore } from '../src/main/core/secrets/secretStore.ts';

const refuse = (): never => {
  throw new Error('not available in the bench');
};

/** Search needs no window: every OS-facing capability refuses, so a route that reached for one would show up. */
export const benchRequestContext: RequestContext = {
  startDrag: refuse,
  chooseExportFolder: refuse,
  chooseZipPath: refuse,
  chooseImportSources: refuse,
  revealFile: refuse,
  copyImage: refuse,
  copyText: refuse,
};

const noSecrets: SecretStore = { get: async () => null, set: async () => {}, delete: async () => {}, backend: 'none (bench)' };

/**
 * The app's core on a library folder, as the Electron main process builds it, minus the launch chores (catalogue
 * refresh, sweep, purge, backup): they are timed on their own, and they would write into the cached library.
 */
export const openBenchCore = (dataDir: string): Promise<Core> =>
  createCore(
    { dataDir, apiBaseUrl: 'http://127.0.0.1:9', keychainService: 'Lagoon-bench' },
    { rendererDir: join(import.meta.dirname, '../out/renderer'), secretStore: noSecrets, launchMaintenance: false },
  );

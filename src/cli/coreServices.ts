import { fileURLToPath } from 'node:url';
import type { CoreConfig } from '../main/core/config.ts';
import type { SecretStore } from '../main/core/secrets/secretStore.ts';
import { createServices, type Services } from '../main/core/services.ts';
import { prepareLibrary, quietStatements } from './coreSetup.ts';

/** Set by scripts/buildCli.ts: the inspect worker's file name beside the bundle's chunks. */
declare const LAGOON_BUILD_INSPECT_WORKER: string | undefined;

/**
 * Imported files are parsed on a worker thread, as in the app: the built one beside the CLI bundle, or the source
 * (run by Node's type stripping). The packaged app's main passes its own build of it (shell/headlessCli.ts).
 */
const defaultInspectWorker = (): string =>
  fileURLToPath(
    typeof LAGOON_BUILD_INSPECT_WORKER === 'string'
      ? new URL(LAGOON_BUILD_INSPECT_WORKER, import.meta.url)
      : new URL('../main/core/transfer/inspectWorker.ts', import.meta.url),
  );

/**
 * The services, opened on first use. Only its own jobs: a CLI run must never pick up (and pay for) what the app left
 * queued; the model catalogue is refreshed by `generate` and `models`, the commands that need it.
 */
export const openServices = (config: CoreConfig, secrets: SecretStore, mustExist: boolean, inspectWorkerPath = defaultInspectWorker(), stderr: NodeJS.WritableStream = process.stderr): Services => {
  prepareLibrary(config, mustExist, stderr);
  const services = createServices(config, { secretStore: secrets, queue: { owner: 'cli' }, launchMaintenance: false, inspectWorkerPath });
  quietStatements(services.db, stderr);
  return services;
};

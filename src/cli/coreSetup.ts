import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/errors.ts';
import { type CoreConfig, databasePath, resolveConfig } from '../main/core/config.ts';
import { pendingMigrationsAt } from '../main/core/db/migrateOffThread.ts';
import { closeDatabase, openDatabase } from '../main/core/db/openDatabase.ts';
import { setStatementTiming } from '../main/core/db/statements.ts';
import { defaultDataDir } from '../main/core/defaultDataDir.ts';
import { registerSecret } from '../main/core/log.ts';
import { createEnvStore } from '../main/core/secrets/envStore.ts';
import type { SecretStore } from '../main/core/secrets/secretStore.ts';
import { createServices, type Services } from '../main/core/services.ts';

/**
 * The core as a command uses it: its configuration, key store and services. run.ts imports this module only once the
 * command line has been parsed, so help, --version and refused input load none of the core (a quarter of a second
 * of modules: sharp, better-sqlite3, the Venice client…).
 */

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

export const configFrom = (env: NodeJS.ProcessEnv): CoreConfig => {
  let config: CoreConfig;
  try {
    config = resolveConfig(env, defaultDataDir(env));
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${error instanceof Error ? error.message : String(error)}. Nothing was sent.`);
  }
  // Absolute, so every `file` the CLI prints still works after the caller changes directory.
  const dataDir = resolve(config.dataDir);
  // For tests only, so they never touch the user's real keychain entry; the app has no such override.
  const keychainService = env.LAGOON_KEYCHAIN_SERVICE?.trim();
  return keychainService ? { ...config, dataDir, keychainService } : { ...config, dataDir };
};

/** VENICE_API_KEY, when set, replaces the keychain for this run (scripts, CI); otherwise the app's own keychain entry. */
export const secretStoreFrom = async (env: NodeJS.ProcessEnv, config: CoreConfig): Promise<SecretStore> => {
  const fromEnv = env.VENICE_API_KEY?.trim();
  if (fromEnv) {
    registerSecret(fromEnv);
    return createEnvStore(fromEnv);
  }
  // keytar is a native module: loaded only when the keychain is really asked.
  const { createKeytarStore } = await import('../main/core/secrets/keytarStore.ts');
  return createKeytarStore({ service: config.keychainService });
};

/**
 * The services, opened on first use. Only its own jobs: a CLI run must never pick up (and pay for) what the app left
 * queued; the model catalogue is refreshed by `generate` and `models`, the commands that need it. A command that only
 * reads (`mustExist`) never creates a library: a mistyped LAGOON_DATA_DIR is an error, not a new empty library.
 */
export const openServices = (config: CoreConfig, secrets: SecretStore, mustExist: boolean, inspectWorkerPath = defaultInspectWorker(), stderr: NodeJS.WritableStream = process.stderr): Services => {
  if (mustExist && !existsSync(databasePath(config))) {
    throw new AppError(
      'NOT_FOUND',
      `There is no Lagoon library in ${config.dataDir} (is LAGOON_DATA_DIR right?). Nothing was created; "lagoon generate" or "lagoon import" starts one.`,
    );
  }
  // A library from an older Lagoon is upgraded first, saying each step on stderr (minutes at a million images);
  // each step commits on its own, so Ctrl-C or a kill loses only the step under way.
  if (pendingMigrationsAt(databasePath(config)) > 0) {
    closeDatabase(openDatabase(databasePath(config), { onMigrationStep: ({ step, steps, name }) => void stderr.write(`Updating the library (step ${step} of ${steps}: ${name})…\n`) }));
  }
  const services = createServices(config, { secretStore: secrets, queue: { owner: 'cli' }, launchMaintenance: false, inspectWorkerPath });
  // The slow-statement log is for whoever tunes Lagoon, not for a script reading stderr: on request only.
  setStatementTiming(services.db, { log: process.env.LAGOON_DEBUG ? (line) => void stderr.write(`${line}\n`) : () => undefined });
  return services;
};

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors.ts';
import { type CoreConfig, databasePath, resolveConfig } from '../main/core/config.ts';
import { pendingMigrationsAt } from '../main/core/db/migrateOffThread.ts';
import { closeDatabase, openDatabase } from '../main/core/db/openDatabase.ts';
import { setStatementTiming } from '../main/core/db/statements.ts';
import { defaultDataDir } from '../main/core/defaultDataDir.ts';
import { createLibrary, type Library } from '../main/core/library/library.ts';
import { registerSecret } from '../main/core/log.ts';
import { createEnvStore } from '../main/core/secrets/envStore.ts';
import type { SecretStore } from '../main/core/secrets/secretStore.ts';

/**
 * The core as a command uses it: its configuration, key store and library. run.ts imports this module only once the
 * command line has been parsed, so help, --version and refused input load none of the core. Commands that only read
 * the library (list, search, show) open it with `openLibraryReader` and never load the services (queue, Venice
 * client, transfer: coreServices.ts), which would double their start-up time.
 */

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

/** The library's SQL connection and its queries, as a command that only reads them needs. */
export interface LibraryReader {
  db: Database;
  library: Library;
  close(): void;
}

/**
 * The library's database, checked and upgraded. A command that only reads (`mustExist`) never creates a library: a
 * mistyped LAGOON_DATA_DIR is an error, not a new empty library.
 */
export const prepareLibrary = (config: CoreConfig, mustExist: boolean, stderr: NodeJS.WritableStream): void => {
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
};

/** The slow-statement log is for whoever tunes Lagoon, not for a script reading stderr: on request only. */
export const quietStatements = (db: Database, stderr: NodeJS.WritableStream): void =>
  setStatementTiming(db, { log: process.env.LAGOON_DEBUG ? (line) => void stderr.write(`${line}\n`) : () => undefined });

/** An existing library opened for reading: the database and the library's queries, none of the services. */
export const openLibraryReader = (config: CoreConfig, stderr: NodeJS.WritableStream = process.stderr): LibraryReader => {
  prepareLibrary(config, true, stderr);
  const db = openDatabase(databasePath(config));
  quietStatements(db, stderr);
  return { db, library: createLibrary({ db, dataDir: config.dataDir }), close: () => closeDatabase(db) };
};

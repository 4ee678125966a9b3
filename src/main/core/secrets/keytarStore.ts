import { AppError } from '../../../shared/errors.ts';
import type { SecretStore } from './secretStore.ts';

/** The part of keytar Lagoon uses; tests inject a fake through `loadKeytar`. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  service: string;
  /** Default 'venice-api-key'. */
  account?: string;
  /** Default 10 000 ms. A keychain call can wait forever on a hidden unlock prompt; the UI must not. */
  timeoutMs?: number;
  /** Replaces the real keytar (tests only). */
  loadKeytar?: () => KeytarModule | Promise<KeytarModule>;
}

export const DEFAULT_KEYCHAIN_ACCOUNT = 'venice-api-key';
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 10_000;

export function keychainBackendName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

const unreachableMessage = (platform: NodeJS.Platform): string => {
  const base = `The OS keychain (${keychainBackendName(platform)}) could not be reached, so the API key cannot be read or saved.`;
  const hint =
    platform === 'darwin' || platform === 'win32'
      ? ' Unlock the keychain or allow Lagoon access when asked, then try again.'
      : ' On Linux a Secret Service such as gnome-keyring or KWallet must be running and unlocked.';
  return `${base}${hint} Lagoon never stores the key in a plain file.`;
};

/**
 * keytar is a native addon: importing it can fail (missing or ABI-mismatched build), and it is archived upstream.
 * Loading it on first use keeps that failure out of startup and turns it into the same KEYCHAIN_UNAVAILABLE the
 * UI already explains.
 */
const importKeytar = async (): Promise<KeytarModule> => {
  const mod = (await import('keytar')) as KeytarModule & { default?: KeytarModule };
  return mod.default ?? mod;
};

export function createKeytarStore(opts: KeytarStoreOptions): SecretStore {
  const service = opts.service;
  const account = opts.account ?? DEFAULT_KEYCHAIN_ACCOUNT;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  const load = opts.loadKeytar ?? importKeytar;
  const platform = process.platform;
  const backend = keychainBackendName(platform);
  let keytar: Promise<KeytarModule> | undefined;

  const getKeytar = (): Promise<KeytarModule> => {
    // A failed load is not cached: the user may install or start the keychain and retry without restarting.
    keytar ??= Promise.resolve()
      .then(load)
      .catch((error: unknown) => {
        keytar = undefined;
        throw error;
      });
    return keytar;
  };

  // The backend's own message goes into details as a diagnostic reason; the original error is not kept as a
  // cause, so nothing unscrubbed can reach a log through it.
  const unavailable = (reason: string): AppError =>
    new AppError('KEYCHAIN_UNAVAILABLE', unreachableMessage(platform), { backend, reason });

  /**
   * Runs one keychain operation under the deadline. On timeout the underlying call may still finish later;
   * callers re-read the status rather than assume either outcome. `secret` is cut out of any backend message.
   */
  const run = <T>(operation: (k: KeytarModule) => Promise<T>, secret?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(unavailable(`no answer within ${timeoutMs} ms (a keychain prompt may be waiting)`)),
        timeoutMs,
      );
      getKeytar()
        .then(operation)
        .then(resolve, (error: unknown) => {
          let reason = error instanceof Error ? error.message : String(error);
          if (secret) reason = reason.split(secret).join('[redacted]');
          reject(unavailable(reason.slice(0, 300)));
        })
        .finally(() => clearTimeout(timer));
    });

  return {
    backend,
    get: () => run((k) => k.getPassword(service, account)),
    set: async (value) => {
      // keytar rejects an empty password with a message that would read as "keychain unavailable"; say what happened.
      if (value.length === 0) throw new AppError('INVALID_INPUT', 'An empty secret cannot be stored.');
      await run((k) => k.setPassword(service, account, value), value);
    },
    delete: async () => {
      await run((k) => k.deletePassword(service, account));
    },
  };
}

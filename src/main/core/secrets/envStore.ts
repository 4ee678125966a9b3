import { AppError } from '../../../shared/errors.ts';
import type { SecretStore } from './secretStore.ts';

export const API_KEY_ENV_VAR = 'VENICE_API_KEY';
export const ENV_STORE_BACKEND = `environment variable ${API_KEY_ENV_VAR}`;

const envStores = new WeakSet<SecretStore>();

/** True for a store made by createEnvStore, so a command can refuse before asking the user for a key. */
export const isEnvStore = (store: SecretStore): boolean => envStores.has(store);

/** Why the key cannot be changed while it comes from the environment; the message names the variable, never its value. */
export const environmentKeyRefusal = (action: 'replace' | 'remove'): AppError =>
  new AppError(
    'INVALID_INPUT',
    `The API key comes from the environment variable ${API_KEY_ENV_VAR}, so Lagoon cannot ${action} it. ` +
      `Unset ${API_KEY_ENV_VAR} to use the key in the OS keychain, or change the variable itself. Nothing was changed.`,
  );

/**
 * A read-only SecretStore over VENICE_API_KEY, for scripts and CI where no keychain is unlocked. Surrounding
 * whitespace (a trailing newline from a secrets file) is dropped; the value is otherwise used as given.
 */
export function createEnvStore(value: string): SecretStore {
  const key = value.trim();
  const store: SecretStore = {
    backend: ENV_STORE_BACKEND,
    get: async () => (key.length > 0 ? key : null),
    set: async () => {
      throw environmentKeyRefusal('replace');
    },
    delete: async () => {
      throw environmentKeyRefusal('remove');
    },
  };
  envStores.add(store);
  return store;
}

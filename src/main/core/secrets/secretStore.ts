/**
 * Where the Venice API key lives. The only implementation today is the OS keychain through keytar; a safeStorage
 * implementation with dual-read migration can replace it behind this interface without touching any caller.
 * Implementations reject with AppError('KEYCHAIN_UNAVAILABLE') when the store cannot be reached and never fall
 * back to a plain file: a key the user can type again is cheaper than a key left in clear text on disk.
 */
export interface SecretStore {
  /** The stored secret, or null when none is stored. */
  get(): Promise<string | null>;
  /** Stores or replaces the secret. */
  set(value: string): Promise<void>;
  /** Removes the secret; succeeds when there was none. */
  delete(): Promise<void>;
  /** A human name of where the secret is kept, shown in the settings ("macOS Keychain", …). */
  readonly backend: string;
}

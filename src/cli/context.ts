import type { Services } from '../main/core/services.ts';
import type { SecretStore } from '../main/core/secrets/secretStore.ts';
import type { Output } from './output.ts';
import type { SecretInput } from './readSecret.ts';

/** What every command gets from main: the same core services, store and data folder as the app. */
export interface CliContext {
  out: Output;
  secrets: SecretStore;
  /** Opened on first use, so help, rejected input and the key commands never create or open the library. */
  services(): Services;
  dataDir: string;
  stdin: SecretInput;
  stderr: NodeJS.WritableStream;
}

import type { Services } from '../main/core/services.ts';
import type { ImageSource } from './imageRecord.ts';
import type { SecretStore } from '../main/core/secrets/secretStore.ts';
import type { Interrupt } from './interrupt.ts';
import type { Output } from './output.ts';
import type { SecretInput } from './readSecret.ts';

/** What every command gets from main: the same core services, store and data folder as the app. */
export interface CliContext {
  out: Output;
  secrets: SecretStore;
  /** Opened on first use, so help, rejected input and the key commands never create or open the library. */
  services(): Services;
  /**
   * The library's database and queries, for commands that only read them (list, search, show): opened on first use
   * without the services, whose modules such a command never loads (the services' own when they are open).
   */
  library(): ImageSource;
  dataDir: string;
  stdin: SecretInput;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Ctrl-C, SIGTERM, SIGHUP and a closed stdout: commands that can stop cleanly run inside `interrupt.graceful`. */
  interrupt: Interrupt;
}

import { contentSecurityPolicy } from '../../shared/csp.ts';
import { type CoreConfig, databasePath } from './config.ts';
import { closeDatabase, openDatabase } from './db/openDatabase.ts';
import { createEventBus, type EventListener } from './events/eventBus.ts';
import { createGenerationService } from './generation/generationService.ts';
import { buildHandlers } from './handlers/index.ts';
import { createRouter, type Dispatch } from './ipc/router.ts';
import { createLibrary, type Library } from './library/library.ts';
import { createAppRequestHandler } from './protocol/appRequestHandler.ts';
import { createKeytarStore } from './secrets/keytarStore.ts';
import type { SecretStore } from './secrets/secretStore.ts';
import { createVeniceClient } from './venice/client.ts';

export interface Core {
  dispatch: Dispatch;
  /** Serves the renderer bundle and library media (lagoon://app in Electron, loopback HTTP in the harness). */
  appRequestHandler: (request: Request) => Promise<Response>;
  onEvent(listener: EventListener): () => void;
  library: Library;
  close(): void;
}

export interface CoreDeps {
  rendererDir: string;
  /** The harness widens connect-src to its own WebSocket; the app never does. */
  csp?: string;
  secretStore?: SecretStore;
  fetch?: typeof fetch;
}

/** The composition root: the one place services are built and wired. Electron's shell and the e2e harness both call it. */
export const createCore = async (config: CoreConfig, deps: CoreDeps): Promise<Core> => {
  const db = openDatabase(databasePath(config));
  const library = createLibrary({ db, dataDir: config.dataDir });
  const secrets = deps.secretStore ?? createKeytarStore({ service: config.keychainService });
  const client = createVeniceClient({ baseUrl: config.apiBaseUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const events = createEventBus();
  const generation = createGenerationService({ secrets, client, library, events });
  return {
    dispatch: createRouter(buildHandlers({ secrets, library, generation })),
    appRequestHandler: createAppRequestHandler({ rendererDir: deps.rendererDir, library, csp: deps.csp ?? contentSecurityPolicy() }),
    onEvent: (listener) => events.subscribe(listener),
    library,
    close: () => closeDatabase(db),
  };
};

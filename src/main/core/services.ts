import type Database from 'better-sqlite3';
import { type CoreConfig, databasePath } from './config.ts';
import { closeDatabase, openDatabase } from './db/openDatabase.ts';
import { createEventBus, type EventBus } from './events/eventBus.ts';
import { createGenerationService, type GenerationService } from './generation/generationService.ts';
import { createLibrary, type Library } from './library/library.ts';
import { createKeytarStore } from './secrets/keytarStore.ts';
import type { SecretStore } from './secrets/secretStore.ts';
import { createVeniceClient, type VeniceClient } from './venice/client.ts';

export interface Services {
  db: Database.Database;
  library: Library;
  secrets: SecretStore;
  client: VeniceClient;
  events: EventBus;
  generation: GenerationService;
  close(): void;
}

export interface ServiceDeps {
  secretStore?: SecretStore;
  fetch?: typeof fetch;
}

/** The one place services are built and wired; the app (createCore) and the CLI both start here. */
export const createServices = (config: CoreConfig, deps: ServiceDeps = {}): Services => {
  const db = openDatabase(databasePath(config));
  const library = createLibrary({ db, dataDir: config.dataDir });
  const secrets = deps.secretStore ?? createKeytarStore({ service: config.keychainService });
  const client = createVeniceClient({ baseUrl: config.apiBaseUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const events = createEventBus();
  const generation = createGenerationService({ secrets, client, library, events });
  return { db, library, secrets, client, events, generation, close: () => closeDatabase(db) };
};

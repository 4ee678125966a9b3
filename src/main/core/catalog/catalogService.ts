import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { Catalog } from '../../../shared/ipc/schemas/catalog.ts';
import type { JobRequest } from '../../../shared/ipc/schemas/jobs.ts';
import type { ModelInfo } from '../../../shared/models.ts';
import { priceFor } from '../../../shared/pricing.ts';
import type { CatalogClient } from '../generation/venicePorts.ts';
import { redact } from '../log.ts';
import type { Connectivity } from '../queue/connectivity.ts';
import { readCatalog, replaceCatalog } from './catalogStore.ts';
import { isIterateRequest } from '../../../shared/iterateEndpoints.ts';

/** Venice changes its model list every few weeks; a day-old copy is fresh enough to start with. */
export const CATALOG_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The trait Venice's OpenAI-compatible route falls back to when no model is named. */
const DEFAULT_TRAIT = 'default';

export interface CatalogService {
  /** The cached catalogue; with `refresh`, fetched from Venice first (a failed refresh rejects and leaves the cache as it was). */
  list(opts?: { refresh?: boolean }): Promise<Catalog>;
  /** Refreshes in the background when the cache is older than a day; never rejects (a failure is logged). */
  refreshIfStale(): Promise<void>;
  model(id: string): ModelInfo | undefined;
  /** Venice's default image model (its `default` trait), when the catalogue knows it. */
  defaultModelId(): string | undefined;
  /** The model a request will run on: its own, or for the OpenAI route without one, Venice's default. */
  modelFor(request: JobRequest): ModelInfo | undefined;
  /** Catalogue price of one image of `request`, in USD, or null when unknown. */
  priceFor(request: JobRequest): number | null;
}

export interface CatalogDeps {
  db: Database;
  client: CatalogClient;
  connectivity?: Connectivity;
  now?: () => number;
  log?: (line: string) => void;
}

export const createCatalogService = (deps: CatalogDeps): CatalogService => {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? console.error;
  let cache = readCatalog(deps.db);
  let byId = new Map(cache.models.map((m) => [m.id, m]));
  // Two refreshes asked for at once share one round trip.
  let inFlight: Promise<void> | null = null;

  const fetchAndStore = async (): Promise<void> => {
    const [models, styles, traits] = await Promise.all([deps.client.listModels(), deps.client.listStyles(), deps.client.getTraits()]);
    if (!deps.db.open) return;
    // Reaching Venice at all is the news the offline queue waits for.
    deps.connectivity?.markOnline();
    // An empty list is what Venice sends for a wrong `type`, not a real catalogue: keep what we had.
    if (models.length === 0 && cache.models.length > 0) {
      throw new AppError('INVALID_RESPONSE', 'Venice returned an empty model list; Lagoon kept the list it had.', { mayHaveBeenCharged: false });
    }
    const fetched = { models, styles, traits, fetchedAt: now() };
    replaceCatalog(deps.db, fetched);
    cache = fetched;
    byId = new Map(models.map((m) => [m.id, m]));
  };

  const refresh = (): Promise<void> => {
    inFlight ??= fetchAndStore().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  const modelFor = (request: JobRequest): ModelInfo | undefined => {
    // Edit-family jobs name edit models, which are not in the image catalogue.
    if (isIterateRequest(request)) return undefined;
    const id = request.model ?? cache.traits[DEFAULT_TRAIT];
    return id === undefined ? undefined : byId.get(id);
  };

  return {
    async list(opts = {}) {
      if (opts.refresh) await refresh();
      return { models: cache.models, styles: cache.styles, traits: cache.traits, fetchedAt: cache.fetchedAt };
    },
    async refreshIfStale() {
      if (cache.fetchedAt !== null && now() - cache.fetchedAt < CATALOG_MAX_AGE_MS) return;
      try {
        await refresh();
      } catch (error) {
        log(`[catalog] refresh failed, keeping the cached catalogue: ${redact(error)}`);
      }
    },
    model: (id) => byId.get(id),
    defaultModelId: () => cache.traits[DEFAULT_TRAIT],
    modelFor,
    priceFor: (request) => priceFor(modelFor(request), request),
  };
};

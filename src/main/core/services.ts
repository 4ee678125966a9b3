import type Database from 'better-sqlite3';
import type { LibraryHealth } from '../../shared/ipc/schemas/library.ts';
import { checkJobRequest } from '../../shared/modelConstraints.ts';
import { createAccountService, type AccountService } from './account/accountService.ts';
import { createCatalogService, type CatalogService } from './catalog/catalogService.ts';
import { type CoreConfig, databasePath } from './config.ts';
import { createDbChecks, type DbChecks } from './db/dbChecks.ts';
import { closeDatabase, openDatabase } from './db/openDatabase.ts';
import { createEventBus, type EventBus } from './events/eventBus.ts';
import type { AccountClient, CatalogClient, ClientRetry, GenerationClient } from './generation/venicePorts.ts';
import { type Backups, createBackups } from './library/backup.ts';
import { createCuration, type Curation } from './library/curation/curation.ts';
import { createLibrary, type Library } from './library/library.ts';
import { createTrash, type Trash } from './library/trash.ts';
import type { Clock } from './queue/clock.ts';
import { type Connectivity, createConnectivity } from './queue/connectivity.ts';
import { createGenerationQueue, type GenerationQueue, type QueueOptions } from './queue/generationQueue.ts';
import { createKeytarStore } from './secrets/keytarStore.ts';
import type { SecretStore } from './secrets/secretStore.ts';
import { createTransfer, type Transfer } from './transfer/transferService.ts';
import { createVeniceClient } from './venice/client.ts';
import { createIterateClient } from './venice/iterateClient.ts';
import { createIterateCatalog } from './iterate/iterateCatalog.ts';
import { createIterateService, type IterateService } from './iterate/iterateService.ts';
import { isIterateRequest } from '../../shared/iterateEndpoints.ts';
import { AppError } from '../../shared/errors.ts';
import { startLaunchMaintenance, UNCHECKED } from './library/launchMaintenance.ts';
import type { ReconcileReport } from './library/reconcile.ts';

export interface Services {
  db: Database.Database;
  library: Library;
  secrets: SecretStore;
  client: GenerationClient & CatalogClient & AccountClient;
  events: EventBus;
  connectivity: Connectivity;
  catalog: CatalogService;
  queue: GenerationQueue;
  account: AccountService;
  /** The library's folder (database, images, thumbnails, backups). */
  dataDir: string;
  trash: Trash;
  backups: Backups;
  /** quick_check, integrity_check and backup checks, on a worker thread when the app provides one. */
  checks: DbChecks;
  transfer: Transfer;
  /** Favorites, ratings, tags, collections, saved searches. */
  curation: Curation;
  /** Edit, combine, upscale, remove background: checked, queued, and their lineage. */
  iterate: IterateService;
  /** The catalogue refresh started at launch (refreshed only when older than a day); it never rejects. */
  catalogReady: Promise<void>;
  /** The library sweep started at launch (temp files, orphans, missing files, thumbnails); null when skipped; never rejects. */
  reconciled: Promise<ReconcileReport | null>;
  /** What the launch check found so far (the `library.health` event announces the final answer). */
  health(): LibraryHealth;
  /** Aborts running generations, waits briefly to learn which were never sent (they run next time), closes the database. */
  shutdown(): Promise<void>;
  /** Synchronous fallback: aborts running generations without waiting (see GenerationQueue.close), closes the database. */
  close(): void;
}

export interface ServiceDeps {
  secretStore?: SecretStore;
  fetch?: typeof fetch;
  /** A stand-in for the Venice client, for tests about queue logic rather than HTTP. */
  client?: GenerationClient & CatalogClient & AccountClient;
  /** Concurrency, rate limit, probe interval, breaker (tests make them small). */
  queue?: QueueOptions;
  /** The Venice client's retry policy for generations (tests shorten the backoff). */
  retry?: ClientRetry;
  clock?: Clock;
  /**
   * The app's chores at launch, run in the background: refresh the model catalogue when stale, and sweep the library
   * (reconcile). A short-lived CLI run turns them off: the app owns them.
   */
  launchMaintenance?: boolean;
  /** The built checkWorker.ts, so the long database checks leave the main thread (see dbChecks.ts). */
  checkWorkerPath?: string;
  /** The built inspectWorker.ts, so imported files are parsed off the main thread (see inspector.ts). */
  inspectWorkerPath?: string;
  /** A backup was just put in place (createCore finished a restore): images newer than it are re-indexed first. */
  restoredFromBackup?: boolean;
  /** When the window last asked main for anything: the launch sweep waits for a quiet moment (createCore tells). */
  lastRequestAt?: () => number;
  log?: (line: string) => void;
}

/** The one place services are built and wired; the app (createCore) and the CLI both start here. */
export const createServices = (config: CoreConfig, deps: ServiceDeps = {}): Services => {
  const db = openDatabase(databasePath(config));
  const now = deps.clock ? () => deps.clock!.now() : Date.now;
  const library = createLibrary({ db, dataDir: config.dataDir, now });
  const secrets = deps.secretStore ?? createKeytarStore({ service: config.keychainService });
  const client = deps.client ?? createVeniceClient({ baseUrl: config.apiBaseUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const events = createEventBus();
  const connectivity = createConnectivity();
  const catalog = createCatalogService({ db, client, connectivity, now });
  const iterateClient = createIterateClient({ baseUrl: config.apiBaseUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const iterateCatalog = createIterateCatalog({ db, client: iterateClient, now });
  const log = deps.log ?? console.error;
  const { account, queue, iterate } = wireQueue({ db, events, connectivity, client, secrets, library, catalog, iterateClient, iterateCatalog, now, log }, deps);
  const trash = createTrash({ db, dataDir: config.dataDir, events, now, log });
  const checks = createDbChecks({ db, log, ...(deps.checkWorkerPath ? { workerPath: deps.checkWorkerPath } : {}) });
  const backups = createBackups({ db, dataDir: config.dataDir, now, finishCopy: checks.finishBackupCopy });
  const transfer = createTransfer({
    db,
    library,
    dataDir: config.dataDir,
    events,
    trash,
    now,
    ...(deps.inspectWorkerPath ? { inspectWorkerPath: deps.inspectWorkerPath } : {}),
  });
  const curation = createCuration({ db, events, now });
  queue.start();
  const maintain = deps.launchMaintenance !== false;
  const catalogReady = maintain ? catalog.refreshIfStale() : Promise.resolve();
  // Tier, balance and key expiry before any image, and a key revoked since the last run is found out now.
  if (maintain) void account.refresh();
  const maintenance = maintain
    ? startLaunchMaintenance({ db, library, dataDir: config.dataDir, now, log, events, trash, checks, backups }, deps)
    : { reconciled: Promise.resolve(null), placeholders: null, routine: null, health: () => UNCHECKED, cancelDelay: () => undefined };
  const { reconciled, placeholders, routine, cancelDelay } = maintenance;
  const running = queue;
  return {
    db,
    library,
    secrets,
    client,
    events,
    connectivity,
    catalog,
    queue: running,
    account,
    dataDir: config.dataDir,
    trash,
    backups,
    checks,
    transfer,
    curation,
    iterate,
    catalogReady,
    reconciled,
    health: maintenance.health,
    shutdown: async () => {
      cancelDelay();
      await (await placeholders)?.stop();
      await routine?.stop();
      await running.shutdown();
      if (db.open) closeDatabase(db);
    },
    close: () => {
      cancelDelay();
      void placeholders?.then((job) => job?.stop());
      routine?.cancel();
      running.close();
      closeDatabase(db);
    },
  };
};

interface QueueParts {
  db: Services['db'];
  events: EventBus;
  connectivity: Connectivity;
  client: Services['client'];
  secrets: SecretStore;
  library: Library;
  catalog: Services['catalog'];
  iterateClient: ReturnType<typeof createIterateClient>;
  iterateCatalog: ReturnType<typeof createIterateCatalog>;
  now: () => number;
  log: (line: string) => void;
}

/** The generation queue with the account it reports to and the iterate service that queues through it. */
const wireQueue = (parts: QueueParts, deps: ServiceDeps) => {
  const { db, events, connectivity, client, secrets, library, catalog, iterateClient, iterateCatalog, now, log } = parts;
  // The account reads the queue's rate-limit view and the queue reports to the account: tie the knot lazily.
  let queue: GenerationQueue | null = null;
  const account = createAccountService({
    db,
    events,
    connectivity,
    client,
    secrets,
    now,
    log,
    rateLimit: () => queue?.rateLimit() ?? null,
    queuePausedUntil: () => queue?.pausedUntil() ?? null,
  });
  queue = createGenerationQueue(
    {
      db,
      events,
      connectivity,
      secrets,
      client,
      library,
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.retry !== undefined ? { retry: deps.retry } : {}),
      check: (request) => checkJobRequest(request, catalog.modelFor(request)),
      priceFor: (request) => (isIterateRequest(request) ? iterate.priceFor(request) : catalog.priceFor(request)),
      iterate: { client: iterateClient, library, editModels: () => iterateCatalog.models() },
      defaultModel: () => catalog.defaultModelId(),
      probe: async () => void (await client.listModels()),
      onResponse: (headers) => account.observeResponse(headers),
      onPaused: () => account.queuePaused(),
    },
    deps.queue,
  );
  const iterate = createIterateService({
    db,
    library,
    catalog: iterateCatalog,
    enqueue: (request) => {
      const job = queue?.enqueue([request])[0];
      if (!job) throw new AppError('INTERNAL', 'The request could not be queued.');
      return job;
    },
    onImagesAdded: (ids) => events.emit('images.changed', { reason: 'added', ids }),
  });
  return { account, queue, iterate };
};

import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { LibraryHealth } from '../../../shared/ipc/schemas/library.ts';
import type { AccountService } from '../account/accountService.ts';
import type { CatalogService } from '../catalog/catalogService.ts';
import type { DbChecks } from '../db/dbChecks.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { Backups } from '../library/backup.ts';
import type { Curation } from '../library/curation/curation.ts';
import type { IterateService } from '../iterate/iterateService.ts';
import type { Library } from '../library/library.ts';
import type { Trash } from '../library/trash.ts';
import type { GenerationQueue } from '../queue/generationQueue.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import type { Transfer } from '../transfer/transferService.ts';
import { catalogHandlers } from './catalogHandlers.ts';
import { connectionHandlers } from './connectionHandlers.ts';
import { familyHandlers } from './familyHandlers.ts';
import { handOffHandlers } from './handOffHandlers.ts';
import { imagesHandlers } from './imagesHandlers.ts';
import { iterateHandlers } from './iterateHandlers.ts';
import { jobsHandlers } from './jobsHandlers.ts';
import { libraryHandlers } from './libraryHandlers.ts';
import { maintenanceHandlers } from './maintenanceHandlers.ts';
import { queueViewHandlers } from './queueViewHandlers.ts';
import { settingsHandlers } from './settingsHandlers.ts';
import { transferHandlers } from './transferHandlers.ts';

export interface HandlerDeps {
  secrets: SecretStore;
  library: Library;
  queue: GenerationQueue;
  catalog: CatalogService;
  account: AccountService;
  db: Database;
  dataDir: string;
  trash: Trash;
  backups: Backups;
  checks: DbChecks;
  health: () => LibraryHealth;
  transfer: Transfer;
  curation: Curation;
  /** Edit, combine, upscale, remove background, and lineage. */
  iterate: IterateService;
  /** The Venice base URL in use (CoreConfig.apiBaseUrl); Venice's own when not given. */
  apiBaseUrl?: string;
  /** Restarts the app; without it a scheduled restore waits for the next start. */
  relaunch?: () => void;
}

/** Every route's handler; `satisfies` makes a missing or an extra one a type error. */
export const buildHandlers = (deps: HandlerDeps) =>
  ({
    ...settingsHandlers(deps),
    ...connectionHandlers(deps),
    ...imagesHandlers(deps),
    ...jobsHandlers(deps),
    ...catalogHandlers(deps),
    ...handOffHandlers(deps),
    ...maintenanceHandlers(deps),
    ...queueViewHandlers(deps),
    ...transferHandlers(deps),
    ...libraryHandlers(deps),
    ...iterateHandlers(deps),
    ...familyHandlers(deps),
  }) satisfies Handlers<RequestContext>;

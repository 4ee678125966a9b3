import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { AccountService } from '../account/accountService.ts';
import type { CatalogService } from '../catalog/catalogService.ts';
import type { GenerationService } from '../generation/generationService.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { Library } from '../library/library.ts';
import type { GenerationQueue } from '../queue/generationQueue.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { catalogHandlers } from './catalogHandlers.ts';
import { generationHandlers } from './generationHandlers.ts';
import { imagesHandlers } from './imagesHandlers.ts';
import { jobsHandlers } from './jobsHandlers.ts';
import { settingsHandlers } from './settingsHandlers.ts';

export interface HandlerDeps {
  secrets: SecretStore;
  library: Library;
  generation: GenerationService;
  queue: GenerationQueue;
  catalog: CatalogService;
  account: AccountService;
}

/** Every route's handler; `satisfies` makes a missing or an extra one a type error. */
export const buildHandlers = (deps: HandlerDeps) =>
  ({
    ...settingsHandlers(deps),
    ...generationHandlers(deps),
    ...imagesHandlers(deps),
    ...jobsHandlers(deps),
    ...catalogHandlers(deps),
  }) satisfies Handlers<RequestContext>;

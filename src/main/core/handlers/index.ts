import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { GenerationService } from '../generation/generationService.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { Library } from '../library/library.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { generationHandlers } from './generationHandlers.ts';
import { imagesHandlers } from './imagesHandlers.ts';
import { settingsHandlers } from './settingsHandlers.ts';

/** Every route's handler; `satisfies` makes a missing or an extra one a type error. */
export const buildHandlers = (deps: { secrets: SecretStore; library: Library; generation: GenerationService }) =>
  ({
    ...settingsHandlers(deps),
    ...generationHandlers(deps),
    ...imagesHandlers(deps),
  }) satisfies Handlers<RequestContext>;

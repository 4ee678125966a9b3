import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { AccountService } from '../account/accountService.ts';
import type { CatalogService } from '../catalog/catalogService.ts';
import type { RequestContext } from '../ipc/router.ts';

type CatalogRoutes = 'models.list' | 'account.get_status';

export const catalogHandlers = (deps: { catalog: CatalogService; account: AccountService }): Pick<Handlers<RequestContext>, CatalogRoutes> => ({
  'models.list': async ({ refresh }) => deps.catalog.list(refresh ? { refresh } : {}),
  'account.get_status': async () => deps.account.status(),
});

import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import { familyRoots, readFamily } from '../iterate/familyStore.ts';

type FamilyRoutes = 'images.family' | 'images.family_roots';

export const familyHandlers = (deps: { db: Database }): Pick<Handlers<RequestContext>, FamilyRoutes> => ({
  'images.family': async ({ id }) => {
    const family = readFamily(deps.db, id);
    if (!family) throw new AppError('NOT_FOUND', 'That image is not in the library.');
    return family;
  },
  'images.family_roots': async ({ ids }) => ({
    roots: [...familyRoots(deps.db, ids)].filter(([id, rootId]) => id !== rootId).map(([id, rootId]) => ({ id, rootId })),
  }),
});

import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import { clearFinishedJobs, missingImages } from '../queue/clearFinished.ts';

type QueueViewRoutes = 'jobs.clear_finished' | 'images.missing';

export const queueViewHandlers = (deps: { db: Database }): Pick<Handlers<RequestContext>, QueueViewRoutes> => ({
  'jobs.clear_finished': async () => ({ cleared: clearFinishedJobs(deps.db, Date.now()) }),
  'images.missing': async ({ ids }) => ({ ids: missingImages(deps.db, ids) }),
});

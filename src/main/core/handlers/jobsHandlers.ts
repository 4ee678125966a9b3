import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import { hashStyleReferences } from '../generation/styleReferences.ts';
import type { Library } from '../library/library.ts';
import type { GenerationQueue } from '../queue/generationQueue.ts';

type JobRoutes =
  | 'jobs.enqueue'
  | 'jobs.list'
  | 'jobs.cancel'
  | 'jobs.cancel_all'
  | 'jobs.retry'
  | 'jobs.run_interrupted'
  | 'jobs.discard_interrupted'
  | 'prompts.recent';

const DEFAULT_PROMPT_LIMIT = 50;

export const jobsHandlers = (deps: { queue: GenerationQueue; library: Library }): Pick<Handlers<RequestContext>, JobRoutes> => ({
  // Reference images are read, checked and hashed before anything is queued: a bad one refuses the whole press.
  'jobs.enqueue': async ({ requests }) => ({ jobs: deps.queue.enqueue(await Promise.all(requests.map((r) => hashStyleReferences(deps.library, r)))) }),
  'jobs.list': async ({ limit }) => ({ jobs: deps.queue.list(limit) }),
  'jobs.cancel': async ({ id }) => deps.queue.cancel(id),
  'jobs.cancel_all': async () => ({ cancelled: deps.queue.cancelAll() }),
  'jobs.retry': async ({ id }) => deps.queue.retry(id),
  'jobs.run_interrupted': async ({ id }) => deps.queue.runInterrupted(id),
  'jobs.discard_interrupted': async ({ id }) => deps.queue.discardInterrupted(id),
  'prompts.recent': async ({ limit }) => ({ prompts: deps.queue.recentPrompts(limit ?? DEFAULT_PROMPT_LIMIT) }),
});

import { z } from 'zod';
import { zImageId } from './common.ts';
import { route } from '../route.ts';

/** What the queue panel needs beyond the jobs themselves: tidying it, and knowing which results are gone. */
export const queueViewRoutes = {
  /** Hides finished jobs from the queue (their images, the prompt history and the spend ledger stay). */
  'jobs.clear_finished': route({ input: z.strictObject({}), output: z.strictObject({ cleared: z.number().int().nonnegative() }) }),
  /** Which of these images are no longer in the library (deleted forever), so the queue does not load them. */
  'images.missing': route({
    input: z.strictObject({ ids: z.array(zImageId).max(2000) }),
    output: z.strictObject({ ids: z.array(zImageId) }),
  }),
};

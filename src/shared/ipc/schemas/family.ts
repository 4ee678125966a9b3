import { z } from 'zod';
import { MAX_ROOT_IDS } from '../../paging.ts';
import { OPERATIONS } from '../../iterate.ts';
import { route } from '../route.ts';
import { zImageId } from './common.ts';
import { zImageSummary } from './images.ts';

/**
 * An image's family as one tree: every image hangs under its first parent (a combine under its base), so each image
 * has one place, in the viewer's tree and in the grid's stacks alike.
 */
const zFamily = z.strictObject({
  rootId: zImageId,
  /** Tree order: each image before its versions; trashed members are included (their summary says so). */
  nodes: z.array(
    z.strictObject({
      image: zImageSummary,
      parentId: zImageId.nullable(),
      generation: z.number().int().nonnegative(),
      operation: z.enum(OPERATIONS).nullable(),
    }),
  ),
  /** The family has more images than are listed. */
  truncated: z.boolean(),
});

export const familyRoutes = {
  /** The whole family of an image (ancestors and descendants), for the viewer's tree. */
  'images.family': route({ input: z.strictObject({ id: zImageId }), output: zFamily }),
  /** The family root of each image that has one other than itself (images not listed are roots or unknown). */
  'images.family_roots': route({
    input: z.strictObject({ ids: z.array(zImageId).max(MAX_ROOT_IDS) }),
    output: z.strictObject({ roots: z.array(z.strictObject({ id: zImageId, rootId: zImageId })) }),
  }),
};

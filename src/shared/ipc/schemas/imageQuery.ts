import { z } from 'zod';
import { IMAGE_FORMATS } from '../../veniceFacts.ts';
import { zPersonalName } from './common.ts';

// The search query on its own, apart from the library's other schemas: `lagoon search` builds only this one.

export const SORTS = ['newest', 'oldest', 'rating'] as const;
export const ASPECTS = ['square', 'landscape', 'portrait'] as const;
/** The lineage filter: an original, or what an edit-family operation made (shared/iterate.ts operations). */
export const IMAGE_KINDS = ['original', 'edit', 'combine', 'upscale', 'remove-background'] as const;

/** Search, filters and sort combine; every field is optional and an empty query lists the live library, newest first. */
export const zImageQuery = z.strictObject({
  /**
   * Full-text over prompt (and the prompt Venice's enhancer wrote), negative prompt, model, style and tags: words by
   * their beginning and in their other forms, OR, -word (shared/searchSyntax.ts).
   */
  text: z.string().max(500).refine((s) => s.isWellFormed()).optional(),
  models: z.array(z.string().min(1).max(200)).max(50).optional(),
  createdFrom: z.number().int().nonnegative().optional(),
  createdTo: z.number().int().nonnegative().optional(),
  aspect: z.enum(ASPECTS).optional(),
  formats: z.array(z.enum(IMAGE_FORMATS)).max(3).optional(),
  favorite: z.boolean().optional(),
  minRating: z.number().int().min(1).max(5).optional(),
  /** Images carrying all of these tags. */
  tags: z.array(zPersonalName(64)).max(20).optional(),
  collectionId: z.uuid().optional(),
  blurred: z.boolean().optional(),
  /** How the image was made: from a prompt alone (an original, imports included) or by an operation on other images. */
  kind: z.enum(IMAGE_KINDS).optional(),
  /** true: images that other images were made from; false: images nothing was made from yet. */
  hasVersions: z.boolean().optional(),
  /** true: the trash view; absent/false: the live library. */
  inTrash: z.boolean().optional(),
  sort: z.enum(SORTS).optional(),
});
export type ImageQuery = z.infer<typeof zImageQuery>;

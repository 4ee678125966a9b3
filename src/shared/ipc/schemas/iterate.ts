import { z } from 'zod';
import { OPERATIONS, PARENT_ROLES, zEditModelInfo, zIterateDraft, zIteratePrices, zSha256 } from '../../iterate.ts';
import { route } from '../route.ts';
import { zImageId } from './common.ts';

/**
 * Iterating on images from the renderer: check a draft (price and result size before anything is sent), queue it,
 * read the edit catalogue, and read an image's family. A draft names its inputs by library id; main reads, checks
 * and hashes them, so the page never handles image bytes.
 */
const zUpscalePlan = z.strictObject({ width: z.number().int(), height: z.number().int(), factor: z.number(), clamped: z.boolean() });
const zPrepared = z.strictObject({
  /** Catalogue price of the result in USD, when known. */
  priceUsd: z.number().nonnegative().nullable(),
  /** An upscale's result size, with `clamped` when Venice will make less than asked. */
  upscale: zUpscalePlan.nullable(),
});

const zLineage = z.strictObject({
  operation: z.enum(OPERATIONS).nullable(),
  request: z.record(z.string(), z.unknown()).nullable(),
  enhancedPrompt: z.string().nullable(),
  /** In order; `state` says whether each is here, in the trash, deleted (its sha256 remains) or was a file. */
  parents: z.array(
    z.strictObject({
      id: zImageId.nullable(),
      sha256: zSha256,
      role: z.enum(PARENT_ROLES),
      operation: z.enum(OPERATIONS),
      state: z.enum(['present', 'trashed', 'deleted', 'file']),
    }),
  ),
  /** Images made from this one, oldest first. */
  children: z.array(zImageId),
});

/**
 * The page names library images only: reading a file path it sent would let a compromised page upload any image on
 * the disk. Files reach the library through import first (a picker or a drop the user made).
 */
const zLibraryDraft = zIterateDraft.refine((draft) => draft.inputs.every((input) => input.kind === 'library'), {
  message: 'Inputs must be images of the library; add files to the library first.',
  path: ['inputs'],
});

/** As a dropped file's import allows (library.ts): a larger input is refused later with Venice's own bound. */
const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

export const iterateRoutes = {
  /** Checks a draft completely (inputs read and held to Venice's bounds); nothing is queued or sent. */
  'iterate.prepare': route({ input: z.strictObject({ draft: zLibraryDraft }), output: zPrepared }),
  /** Checks and queues a draft: a job of the same queue as generation (followed through jobs.changed like any other). */
  'iterate.queue': route({ input: z.strictObject({ draft: zLibraryDraft }), output: zPrepared.extend({ jobId: z.uuid() }) }),
  /** The edit models (cached for offline use; `refresh` asks Venice when the copy is a day old) and the prices. */
  'iterate.catalog': route({
    input: z.strictObject({ refresh: z.boolean().optional() }),
    output: z.strictObject({ models: z.array(zEditModelInfo), prices: zIteratePrices.nullable(), fetchedAt: z.number().nullable() }),
  }),
  /**
   * A file picked, dropped or pasted as an input: imported into the library first (the page names library images
   * only), answered with its id; `added` is false when the library already had that picture.
   */
  'iterate.add_file': route({
    input: z.strictObject({
      name: z.string().min(1).max(255).refine((s) => s.isWellFormed()),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_INPUT_FILE_BYTES, 'File is empty or too large'),
    }),
    output: z.strictObject({ id: zImageId, added: z.boolean() }),
  }),
  /**
   * A smaller copy of a library image too large for Venice (pixels or bytes), made on this machine (nothing is sent,
   * nothing is charged) and stored as a new library image; the original stays. An image that already fits answers
   * with its own id and `added: false`.
   */
  'iterate.downscale_input': route({
    input: z.strictObject({ id: zImageId }),
    output: z.strictObject({ id: zImageId, width: z.number().int().positive(), height: z.number().int().positive(), added: z.boolean() }),
  }),
  /** Where an image came from and what was made from it. */
  'images.lineage': route({ input: z.strictObject({ id: zImageId }), output: zLineage }),
};

import { z } from 'zod';
import { IMAGE_ENDPOINTS, IMAGE_FORMATS } from '../../veniceFacts.ts';
import { zImageId } from './common.ts';
import { route } from '../route.ts';

export const zImageSummary = z.strictObject({
  id: zImageId,
  createdAt: z.number().int(),
  prompt: z.string(),
  model: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.enum(IMAGE_FORMATS),
  /** Venice blurred it under Safe mode (moderation auto / safe_mode true). */
  blurred: z.boolean(),
  favorite: z.boolean(),
  /** 0 = not rated, else 1–5. */
  rating: z.number().int().min(0).max(5),
  /** When it was moved to the trash (null: in the library). */
  trashedAt: z.number().int().nullable(),
  /** The startup sweep found its file missing; the row (prompt, settings) is kept. */
  fileMissing: z.boolean(),
  /**
   * ThumbHash of the thumbnail, base64 (~25 bytes): painted while the thumbnail loads. Null or absent: none yet (an
   * image stored before placeholders, until the background job reaches it).
   */
  placeholder: z.string().max(200).nullable().optional(),
});
export type ImageSummary = z.infer<typeof zImageSummary>;

const zImageDetail = zImageSummary.extend({
  /** Which Venice route made it, or 'import' for a file brought in from elsewhere (A1111, ComfyUI, a plain image). */
  endpoint: z.enum(IMAGE_ENDPOINTS),
  /** The request body exactly as it was sent to Venice (it never holds the key). */
  request: z.record(z.string(), z.unknown()),
  byteSize: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** What came back with it: Venice's id, timing, echoed request, enhanced prompt, selected headers. */
  response: z.record(z.string(), z.unknown()),
  /** The generation job that made it; variants of one request share it (their batch). Null for imports. */
  jobId: z.uuid().nullable(),
  priceUsd: z.number().nonnegative().nullable(),
  tags: z.array(z.string()),
  collections: z.array(z.strictObject({ id: z.uuid(), name: z.string() })),
});
export type ImageDetail = z.infer<typeof zImageDetail>;

/** Opaque keyset cursor: the renderer hands back what it got. */
export const zCursor = z.string().max(200);

/** A page of `Library.list` (the CLI's `list`); the app pages through `images.search`. */
const zImagePage = z.strictObject({
  items: z.array(zImageSummary),
  nextCursor: zCursor.nullable(),
});
export type ImagePage = z.infer<typeof zImagePage>;

export const imagesRoutes = {
  'images.get': route({ input: z.strictObject({ id: zImageId }), output: zImageDetail }),
  /** One or several library images dragged out of the window; main resolves the files itself. */
  'images.start_drag': route({ input: z.strictObject({ ids: z.array(zImageId).min(1).max(500) }), output: z.strictObject({ started: z.literal(true) }) }),
};

export const zImagesChanged = z.strictObject({
  reason: z.enum(['added', 'removed', 'updated']),
  ids: z.array(zImageId),
});
export type ImagesChanged = z.infer<typeof zImagesChanged>;

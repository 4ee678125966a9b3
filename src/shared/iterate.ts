import { z } from 'zod';
import { zImageId } from './ipc/schemas/common.ts';
import { EDIT_RESOLUTIONS, ITERATE_LIMITS } from './iterateLimits.ts';
import { IMAGE_FORMATS } from './veniceFacts.ts';

export { EDIT_RESOLUTIONS, ITERATE_LIMITS };

/**
 * Iterating on an image: Venice's edit family (API notes §6 and Addendum) and how Lagoon records it. The bounds
 * are Venice's; Lagoon checks them before anything is sent.
 */

export const OPERATIONS = ['generate', 'edit', 'combine', 'upscale', 'remove-background'] as const;
export type Operation = (typeof OPERATIONS)[number];
export const PARENT_ROLES = ['base', 'layer', 'reference', 'source'] as const;
export type ParentRole = (typeof PARENT_ROLES)[number];

export const zSha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** An input as a person names it: an image of the library, or a file. */
const zInputRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('library'), id: zImageId }),
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1).max(4096) }),
]);
export type InputRef = z.infer<typeof zInputRef>;

/** An input as a queued job holds it: its content hash is fixed when it is queued and checked again before sending. */
const zJobInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('library'), id: zImageId, sha256: zSha256 }),
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1).max(4096), sha256: zSha256 }),
]);
export type JobInput = z.infer<typeof zJobInput>;

const zEditPrompt = z.string().min(1).max(ITERATE_LIMITS.promptMaxChars).refine((s) => s.isWellFormed());
const editFields = {
  prompt: zEditPrompt,
  model: z.string().min(1).max(200),
  aspectRatio: z.string().max(20).optional(),
  resolution: z.enum(EDIT_RESOLUTIONS).optional(),
  format: z.enum(IMAGE_FORMATS).optional(),
  enhancePrompt: z.boolean(),
  safeMode: z.boolean(),
};

export const zEditJobRequest = z.strictObject({ endpoint: z.literal('edit'), inputs: z.array(zJobInput).length(1), ...editFields });
/** The first input is the base; the order is the user's and is kept. Venice caps the count per model. */
export const zCombineJobRequest = z.strictObject({ endpoint: z.literal('combine'), inputs: z.array(zJobInput).min(2).max(16), ...editFields });
/** Prompt-less operations carry an empty prompt, so every job has one to show. */
export const zUpscaleJobRequest = z.strictObject({
  endpoint: z.literal('upscale'),
  prompt: z.literal(''),
  inputs: z.array(zJobInput).length(1),
  scale: z.union([z.literal(2), z.literal(4)]),
  creativity: z.number().min(0).max(ITERATE_LIMITS.creativityMax).optional(),
});
export const zRemoveBackgroundJobRequest = z.strictObject({
  endpoint: z.literal('remove-background'),
  prompt: z.literal(''),
  inputs: z.array(zJobInput).length(1),
});
type EditJobRequest = z.infer<typeof zEditJobRequest>;
type CombineJobRequest = z.infer<typeof zCombineJobRequest>;
type UpscaleJobRequest = z.infer<typeof zUpscaleJobRequest>;
type RemoveBackgroundJobRequest = z.infer<typeof zRemoveBackgroundJobRequest>;
export type IterateJobRequest = EditJobRequest | CombineJobRequest | UpscaleJobRequest | RemoveBackgroundJobRequest;

/** Venice's bodies as Lagoon sends them, without the image bytes (closed, like Venice's schemas). */
const veniceEditOptions = {
  prompt: zEditPrompt,
  aspect_ratio: z.string().max(20).optional(),
  resolution: z.enum(EDIT_RESOLUTIONS).optional(),
  output_format: z.enum(IMAGE_FORMATS).optional(),
  enhance_prompt: z.boolean().optional(),
  safe_mode: z.boolean().optional(),
};
export const zVeniceEditBody = z.strictObject({ model: z.string().min(1).max(200), ...veniceEditOptions });
export const zVeniceMultiEditBody = z.strictObject({ modelId: z.string().min(1).max(200), ...veniceEditOptions });
export const zVeniceUpscaleBody = z.strictObject({
  scale: z.union([z.literal(2), z.literal(4)]),
  creativity: z.number().min(0).max(ITERATE_LIMITS.creativityMax).optional(),
});
export type VeniceEditBody = z.infer<typeof zVeniceEditBody>;
export type VeniceMultiEditBody = z.infer<typeof zVeniceMultiEditBody>;
export type VeniceUpscaleBody = z.infer<typeof zVeniceUpscaleBody>;

export interface UpscalePlan {
  width: number;
  height: number;
  /** The factor Venice will use: the one asked, or lower so the result stays within maxUpscalePixels. */
  factor: number;
  clamped: boolean;
}

/** What an upscale will produce, shown before sending; null when the input is already too large to grow. */
export const planUpscale = (width: number, height: number, scale: 2 | 4): UpscalePlan | null => {
  const factor = Math.min(scale, Math.sqrt(ITERATE_LIMITS.maxUpscalePixels / (width * height)));
  const result = { width: Math.floor(width * factor), height: Math.floor(height * factor) };
  if (result.width <= width || result.height <= height) return null;
  return { ...result, factor, clamped: factor < scale };
};

/** Edit/combine output format when none is chosen: Venice's default, PNG at 1K and JPEG at 2K/4K. */
export const defaultEditFormat = (resolution: string | undefined): (typeof IMAGE_FORMATS)[number] =>
  resolution === undefined || resolution === '1K' ? 'png' : 'jpeg';

/** One edit ("inpaint") model as Lagoon keeps it, from `GET /models?type=inpaint`, cached for offline use. */
export const zEditModelInfo = z.strictObject({
  id: z.string(),
  name: z.string(),
  offline: z.boolean(),
  deprecation: z.strictObject({ date: z.string().nullable(), replacement: z.string().nullable() }).nullable(),
  /** Per edit, USD. */
  priceUsd: z.number().nonnegative().nullable(),
  /** Empty when the catalogue does not say. */
  aspectRatios: z.array(z.string()),
  promptCharacterLimit: z.number().int().positive().nullable(),
  combineImages: z.boolean(),
  maxInputImages: z.number().int().positive(),
});
export type EditModelInfo = z.infer<typeof zEditModelInfo>;

/** `GET /models?type=upscale` → the upscaler's price per scale (USD), and background removal's. */
export const zIteratePrices = z.strictObject({
  upscale2x: z.number().nonnegative().nullable(),
  upscale4x: z.number().nonnegative().nullable(),
  removeBackground: z.number().nonnegative().nullable(),
});
export type IteratePrices = z.infer<typeof zIteratePrices>;

/** What a person asks for (the form, the CLI, IPC): the job request with its inputs named but not yet hashed. */
export const zIterateDraft = z.discriminatedUnion('endpoint', [
  zEditJobRequest.extend({ inputs: z.array(zInputRef).length(1) }),
  zCombineJobRequest.extend({ inputs: z.array(zInputRef).min(2).max(16) }),
  zUpscaleJobRequest.extend({ inputs: z.array(zInputRef).length(1) }),
  zRemoveBackgroundJobRequest.extend({ inputs: z.array(zInputRef).length(1) }),
]);
export type IterateDraft = z.infer<typeof zIterateDraft>;

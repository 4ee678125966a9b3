import { z } from 'zod';
import { IMAGE_FORMATS, IMAGE_SIZES, MODERATION_LEVELS, NATIVE_LIMITS, PROMPT_MAX_CHARS, promptLength, RESPONSE_FORMATS, STYLE_REFERENCE_LIMITS } from './veniceFacts.ts';

// Main imports the facts from here too, next to the schemas built from them; the renderer imports veniceFacts.ts directly.
export {
  DEFAULT_API_BASE_URL,
  dimensionsForSize,
  IMAGE_FORMATS,
  IMAGE_SIZES,
  type ImageFormat,
  type ImageSize,
  type Moderation,
  MODERATION_LEVELS,
  NATIVE_LIMITS,
} from './veniceFacts.ts';

export const zPrompt = z
  .string()
  .refine((s) => s.isWellFormed(), 'Prompt contains an unpaired surrogate')
  .refine((s) => s.trim().length > 0, 'Prompt is empty')
  .refine((s) => promptLength(s) <= PROMPT_MAX_CHARS, `Prompt is longer than ${PROMPT_MAX_CHARS} characters`);

/** Every field of the seed document, closed (`strict`) like Venice's own schema. */
export const zOpenAiImageRequest = z.strictObject({
  prompt: zPrompt,
  model: z.string().min(1).max(200).optional(),
  n: z.literal(1).optional(),
  size: z.enum(IMAGE_SIZES).optional(),
  output_format: z.enum(IMAGE_FORMATS).optional(),
  moderation: z.enum(MODERATION_LEVELS).optional(),
  response_format: z.enum(RESPONSE_FORMATS).optional(),
  background: z.enum(['transparent', 'opaque', 'auto']).optional(),
  output_compression: z.number().int().min(0).max(100).optional(),
  quality: z.enum(['auto', 'high', 'medium', 'low', 'hd', 'standard']).optional(),
  style: z.enum(['vivid', 'natural']).optional(),
  user: z.string().max(256).optional(),
});
export type OpenAiImageRequest = z.infer<typeof zOpenAiImageRequest>;

/** The native request exactly as Lagoon sends it (snake_case, closed like Venice's schema; never `return_binary`). */
export const zNativeImageRequest = z.strictObject({
  model: z.string().min(1).max(200),
  prompt: z.string().min(1).max(NATIVE_LIMITS.promptMaxChars).refine((s) => s.isWellFormed()),
  negative_prompt: z.string().max(NATIVE_LIMITS.promptMaxChars).refine((s) => s.isWellFormed()).optional(),
  width: z.number().int().min(1).max(NATIVE_LIMITS.maxPixelEdge).optional(),
  height: z.number().int().min(1).max(NATIVE_LIMITS.maxPixelEdge).optional(),
  aspect_ratio: z.string().max(20).optional(),
  resolution: z.string().max(10).optional(),
  quality: z.enum(['low', 'medium', 'high']).optional(),
  steps: z.number().int().min(1).max(100).optional(),
  cfg_scale: z.number().gt(0).max(NATIVE_LIMITS.cfgMax).optional(),
  seed: z.number().int().min(-NATIVE_LIMITS.seedMax).max(NATIVE_LIMITS.seedMax).optional(),
  variants: z.number().int().min(1).max(NATIVE_LIMITS.variantsMax).optional(),
  style_preset: z.string().max(100).optional(),
  format: z.enum(IMAGE_FORMATS).optional(),
  safe_mode: z.boolean().optional(),
  hide_watermark: z.boolean().optional(),
  lora_strength: z.number().int().min(0).max(NATIVE_LIMITS.loraStrengthMax).optional(),
  enable_web_search: z.boolean().optional(),
  disable_prompt_optimization_thinking: z.boolean().optional(),
  /** `image` is base64 here; what is recorded on the image names it by library id and sha256 instead. */
  style_references: z
    .array(z.strictObject({ image: z.string().min(1), strength: z.number().min(STYLE_REFERENCE_LIMITS.minStrength).max(STYLE_REFERENCE_LIMITS.maxStrength).optional() }))
    .min(1)
    .max(16)
    .optional(),
});
export type NativeImageRequest = z.infer<typeof zNativeImageRequest>;

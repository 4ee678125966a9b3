import { z } from 'zod';

/**
 * Facts about Venice's OpenAI-compatible `POST /images/generations` (the seed document), shared by the
 * request schema in main and the form in the renderer so both offer and check exactly the same values.
 */
export const IMAGE_SIZES = ['auto', '256x256', '512x512', '1024x1024', '1536x1024', '1024x1536', '1792x1024', '1024x1792'] as const;
export const IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;
export const MODERATION_LEVELS = ['auto', 'low'] as const;
export const RESPONSE_FORMATS = ['b64_json', 'url'] as const;
export const PROMPT_MAX_CHARS = 1500;

export type ImageSize = (typeof IMAGE_SIZES)[number];
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
export type Moderation = (typeof MODERATION_LEVELS)[number];

/** Counts what Venice counts: Unicode code points, not UTF-16 units (an emoji is one character). */
export const promptLength = (s: string): number => [...s].length;

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

/** Pixel size Venice renders for a `size` value; `auto` is documented as 1024x1024. */
export const dimensionsForSize = (size: ImageSize | undefined): { width: number; height: number } => {
  const s = !size || size === 'auto' ? '1024x1024' : size;
  const [w, h] = s.split('x').map(Number);
  return { width: w ?? 1024, height: h ?? 1024 };
};

export const DEFAULT_API_BASE_URL = 'https://api.venice.ai/api/v1';

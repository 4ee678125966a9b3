import { z } from 'zod';

/**
 * Lagoon's view of one Venice image model, parsed from `GET /models?type=image` and cached in the DB so the
 * app works offline. The constraints drive both the form and the checks made before anything is sent.
 */
const zPrice = z.strictObject({ usd: z.number().nonnegative(), diem: z.number().nonnegative().nullable() });

export const zModelConstraints = z.strictObject({
  promptCharacterLimit: z.number().int().positive(),
  steps: z.strictObject({ default: z.number().int().nonnegative(), max: z.number().int().nonnegative() }),
  widthHeightDivisor: z.number().int().positive(),
  aspectRatios: z.array(z.string()).optional(),
  defaultAspectRatio: z.string().optional(),
  resolutions: z.array(z.string()).optional(),
  defaultResolution: z.string().optional(),
  qualities: z.array(z.string()).optional(),
  defaultQuality: z.string().optional(),
});

export const zModelInfo = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  traits: z.array(z.string()),
  offline: z.boolean(),
  /** Present when Venice marks the model deprecated; `replacement` when it names one. */
  deprecation: z.strictObject({ date: z.string().nullable(), replacement: z.string().nullable() }).nullable(),
  constraints: zModelConstraints,
  /** Per image: a flat price, or one per resolution, or per resolution and quality. */
  pricing: z.strictObject({
    generation: zPrice.nullable(),
    resolutions: z.record(z.string(), zPrice).nullable(),
    quality: z.record(z.string(), z.record(z.string(), zPrice)).nullable(),
  }),
  /** Models whose sizing is by aspect ratio take no width/height. */
  sizing: z.enum(['pixels', 'aspect_ratio']),
  supportsNegativePrompt: z.boolean(),
  /** Only step-based models honour `steps`. */
  usesSteps: z.boolean(),
  // Optional so a catalogue cached by an older Lagoon still reads (absent = not supported).
  /** `lora_strength` matters only for Venice's LoRA-based models; others ignore it. */
  usesLora: z.boolean().optional(),
  /** `enable_web_search` (an extra charge per image). */
  supportsWebSearch: z.boolean().optional(),
  /** `disable_prompt_optimization_thinking` (`supportsOptimizePromptThinking` in the catalogue). */
  supportsPromptThinking: z.boolean().optional(),
  /** `style_references`: how many, and whether each may carry a strength; null or absent = not accepted. */
  styleReferences: z.strictObject({ max: z.number().int().positive(), strength: z.boolean() }).nullable().optional(),
});
export type ModelInfo = z.infer<typeof zModelInfo>;

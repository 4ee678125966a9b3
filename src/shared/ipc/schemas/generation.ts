import { z } from 'zod';
import { IMAGE_FORMATS, IMAGE_SIZES, MODERATION_LEVELS, zPrompt } from '../../venice.ts';
import { zImageDetail } from './images.ts';
import { route } from '../route.ts';

/** The simple form: what a user chooses; main turns it into the OpenAI-compatible request. */
export const zGenerateInput = z.strictObject({
  prompt: zPrompt,
  model: z.string().min(1).max(200).optional(),
  size: z.enum(IMAGE_SIZES),
  outputFormat: z.enum(IMAGE_FORMATS),
  moderation: z.enum(MODERATION_LEVELS),
});
export type GenerateInput = z.infer<typeof zGenerateInput>;

export const generationRoutes = {
  'generation.generate': route({ input: zGenerateInput, output: zImageDetail }),
};

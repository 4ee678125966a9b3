import { randomInt } from 'node:crypto';
import type { AdvancedJobRequest, JobRequest, SimpleJobRequest } from '../../../shared/ipc/schemas/jobs.ts';
import { NATIVE_LIMITS, type NativeImageRequest, type OpenAiImageRequest } from '../../../shared/venice.ts';

/** JobRequest (camelCase, what the forms produce) → the body each Venice route takes (snake_case). */

export const toOpenAiRequest = (request: Omit<SimpleJobRequest, 'endpoint'>): OpenAiImageRequest => ({
  prompt: request.prompt,
  ...(request.model ? { model: request.model } : {}),
  n: 1,
  size: request.size,
  output_format: request.outputFormat,
  moderation: request.moderation,
  response_format: 'b64_json',
});

/**
 * Only fields the user set are sent, so Venice applies the model's own defaults to the rest. `references` are the
 * request's reference images already read (their bytes as base64), in the request's order.
 */
export const toNativeRequest = (request: AdvancedJobRequest, references?: NativeImageRequest['style_references']): NativeImageRequest => ({
  model: request.model,
  prompt: request.prompt,
  ...(request.negativePrompt !== undefined && request.negativePrompt !== '' ? { negative_prompt: request.negativePrompt } : {}),
  ...(request.width !== undefined ? { width: request.width } : {}),
  ...(request.height !== undefined ? { height: request.height } : {}),
  ...(request.aspectRatio !== undefined ? { aspect_ratio: request.aspectRatio } : {}),
  ...(request.resolution !== undefined ? { resolution: request.resolution } : {}),
  ...(request.quality !== undefined ? { quality: request.quality } : {}),
  ...(request.steps !== undefined ? { steps: request.steps } : {}),
  ...(request.cfgScale !== undefined ? { cfg_scale: request.cfgScale } : {}),
  ...(request.seed !== undefined ? { seed: request.seed } : {}),
  variants: request.variants,
  ...(request.stylePreset !== undefined && request.stylePreset !== '' ? { style_preset: request.stylePreset } : {}),
  format: request.format,
  safe_mode: request.safeMode,
  hide_watermark: request.hideWatermark,
  ...(request.loraStrength !== undefined ? { lora_strength: request.loraStrength } : {}),
  ...(request.enableWebSearch ? { enable_web_search: true } : {}),
  ...(request.disablePromptThinking !== undefined ? { disable_prompt_optimization_thinking: request.disablePromptThinking } : {}),
  ...(references && references.length > 0 ? { style_references: references } : {}),
});

/** A random seed in Venice's positive range (0 is a literal seed there, not "random"). */
const randomSeed = (): number => randomInt(1, NATIVE_LIMITS.seedMax + 1);

/**
 * A native request without a seed gets one now, before the job row is written: the row then describes exactly the
 * work done, the images can be reproduced, and a user's retry of the job renders the same picture.
 */
export const withSeed = (request: JobRequest, seed: () => number = randomSeed): JobRequest =>
  request.endpoint === 'native' && request.seed === undefined ? { ...request, seed: seed() } : request;

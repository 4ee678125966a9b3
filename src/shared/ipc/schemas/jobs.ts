import { z } from 'zod';
import { ERROR_CODES } from '../../errors.ts';
import { zCombineJobRequest, zEditJobRequest, zRemoveBackgroundJobRequest, zSha256, zUpscaleJobRequest } from '../../iterate.ts';
import { IMAGE_FORMATS, IMAGE_SIZES, MODERATION_LEVELS, NATIVE_LIMITS, zPrompt } from '../../venice.ts';
import { STYLE_REFERENCE_LIMITS } from '../../veniceFacts.ts';
import { zImageId } from './common.ts';
import { route } from '../route.ts';

const wellFormed = (s: string) => s.isWellFormed();

/** The simple form → Venice's OpenAI-compatible route. */
const zSimpleJobRequest = z.strictObject({
  endpoint: z.literal('openai'),
  prompt: zPrompt,
  model: z.string().min(1).max(200).optional(),
  size: z.enum(IMAGE_SIZES),
  outputFormat: z.enum(IMAGE_FORMATS),
  moderation: z.enum(MODERATION_LEVELS),
});

/**
 * A reference image (`style_references`): a library image or a file, as the form or the CLI names it. Main reads,
 * checks and hashes it before the job is queued (`sha256` is then set) and checks the hash again before sending.
 */
const zStyleReference = z.strictObject({
  input: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('library'), id: zImageId, sha256: zSha256.optional() }),
    z.strictObject({ kind: z.literal('file'), path: z.string().min(1).max(4096), sha256: zSha256.optional() }),
  ]),
  /** Absent = Venice's default (0.5). */
  strength: z.number().min(STYLE_REFERENCE_LIMITS.minStrength).max(STYLE_REFERENCE_LIMITS.maxStrength).optional(),
});
export type StyleReference = z.infer<typeof zStyleReference>;

/** The advanced panel → Venice's native route. Per-model limits are checked in main against the catalogue. */
export const zAdvancedJobRequest = z.strictObject({
  endpoint: z.literal('native'),
  prompt: z.string().min(1).max(NATIVE_LIMITS.promptMaxChars).refine(wellFormed),
  model: z.string().min(1).max(200),
  negativePrompt: z.string().max(NATIVE_LIMITS.promptMaxChars).refine(wellFormed).optional(),
  width: z.number().int().min(1).max(NATIVE_LIMITS.maxPixelEdge).optional(),
  height: z.number().int().min(1).max(NATIVE_LIMITS.maxPixelEdge).optional(),
  aspectRatio: z.string().max(20).optional(),
  resolution: z.string().max(10).optional(),
  quality: z.enum(['low', 'medium', 'high']).optional(),
  steps: z.number().int().min(1).max(100).optional(),
  cfgScale: z.number().gt(0).max(NATIVE_LIMITS.cfgMax).optional(),
  /** Absent = a random seed, chosen in main and recorded, so every image can be reproduced. */
  seed: z.number().int().min(-NATIVE_LIMITS.seedMax).max(NATIVE_LIMITS.seedMax).optional(),
  variants: z.number().int().min(1).max(NATIVE_LIMITS.variantsMax),
  stylePreset: z.string().max(100).optional(),
  format: z.enum(IMAGE_FORMATS),
  safeMode: z.boolean(),
  hideWatermark: z.boolean(),
  loraStrength: z.number().int().min(0).max(NATIVE_LIMITS.loraStrengthMax).optional(),
  /** Lets the model look things up on the web first; an extra charge per image. */
  enableWebSearch: z.boolean().optional(),
  /** `disable_prompt_optimization_thinking`: skip the model's own prompt rewriting step. */
  disablePromptThinking: z.boolean().optional(),
  styleReferences: z.array(zStyleReference).min(1).max(16).optional(),
});

/** Generation (the simple form, the advanced panel) or iterating on images (edit, combine, upscale, remove background). */
export const zJobRequest = z.discriminatedUnion('endpoint', [
  zSimpleJobRequest,
  zAdvancedJobRequest,
  zEditJobRequest,
  zCombineJobRequest,
  zUpscaleJobRequest,
  zRemoveBackgroundJobRequest,
]);
export type JobRequest = z.infer<typeof zJobRequest>;
export type SimpleJobRequest = z.infer<typeof zSimpleJobRequest>;
/** A request for new images from a prompt (what the generate form and `lagoon generate` build). */
export type GenerationJobRequest = SimpleJobRequest | AdvancedJobRequest;
export type AdvancedJobRequest = z.infer<typeof zAdvancedJobRequest>;

/** 'interrupted': left by a `lagoon` command that is gone; it waits for the user's Run or Discard (never sent by itself). */
const JOB_STATUSES = ['queued', 'waiting_offline', 'running', 'done', 'failed', 'blocked', 'cancelled', 'interrupted'] as const;
const zJobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof zJobStatus>;

const zJobId = z.uuid();

const zJob = z.strictObject({
  id: zJobId,
  createdAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  status: zJobStatus,
  request: zJobRequest,
  /** Library images this job produced (several for native variants; they share the job id as their batch). */
  imageIds: z.array(zImageId),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }).nullable(),
  /** True when a failure happened after the request may have reached Venice: retrying may charge again. */
  mayHaveBeenCharged: z.boolean(),
  attempts: z.number().int().nonnegative(),
  /** Catalogue price of the images, in USD, when known. */
  priceUsd: z.number().nonnegative().nullable(),
});
export type Job = z.infer<typeof zJob>;

export const jobsRoutes = {
  /** The page names library images only as references (like iterate's inputs): files are added to the library first. */
  'jobs.enqueue': route({
    input: z.strictObject({
      requests: z
        .array(zJobRequest)
        .min(1)
        .max(200)
        .refine((requests) => requests.every((r) => r.endpoint !== 'native' || (r.styleReferences ?? []).every((ref) => ref.input.kind === 'library')), {
          message: 'Reference images must be images of the library; add files to the library first.',
        }),
    }),
    output: z.strictObject({ jobs: z.array(zJob) }),
  }),
  'jobs.list': route({ input: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }), output: z.strictObject({ jobs: z.array(zJob) }) }),
  'jobs.cancel': route({ input: z.strictObject({ id: zJobId }), output: zJob }),
  'jobs.cancel_all': route({ input: z.strictObject({}), output: z.strictObject({ cancelled: z.number().int().nonnegative() }) }),
  /** A user's explicit retry of a failed, blocked or cancelled job: a new job with the same request. */
  'jobs.retry': route({ input: z.strictObject({ id: zJobId }), output: zJob }),
  /** The user's decision on a job left by an interrupted command: send it from the app, or drop it unsent. */
  'jobs.run_interrupted': route({ input: z.strictObject({ id: zJobId }), output: zJob }),
  'jobs.discard_interrupted': route({ input: z.strictObject({ id: zJobId }), output: zJob }),
  'prompts.recent': route({
    input: z.strictObject({ limit: z.number().int().min(1).max(200).optional() }),
    output: z.strictObject({ prompts: z.array(z.strictObject({ prompt: z.string(), lastUsedAt: z.number().int() })) }),
  }),
};

export const zJobsChanged = z.strictObject({ jobs: z.array(zJob) });

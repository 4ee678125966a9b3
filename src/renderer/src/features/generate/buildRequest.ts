import type { AdvancedJobRequest, JobRequest, SimpleJobRequest } from '../../../../shared/ipc/schemas/jobs.ts';
import type { ModelInfo } from '../../../../shared/models.ts';
import { NATIVE_LIMITS, PROMPT_MAX_CHARS, promptLength } from '../../../../shared/veniceFacts.ts';
import type { AdvancedValues, FormState, SimpleValues } from './formValues.ts';

/** A value the form cannot turn into a request at all (not a number, out of Venice's global range). */
interface ParseProblem {
  field: 'seed' | 'steps' | 'cfgScale' | 'width' | 'height' | 'loraStrength';
  key: string;
  params?: Record<string, number>;
}

export interface BuiltRequest {
  request: JobRequest;
  /** The catalogue entry the request will run on (undefined: not in the cached catalogue). */
  model: ModelInfo | undefined;
  problems: ParseProblem[];
  /** The prompt limit that applies to this form and model, in Unicode code points. */
  promptLimit: number;
}

const QUALITIES = ['low', 'medium', 'high'] as const;
export type Quality = (typeof QUALITIES)[number];
export const isQuality = (s: string): s is Quality => (QUALITIES as readonly string[]).includes(s);

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;

/** The integer in `text`, or null when it is not one or lies outside [min, max]. */
export const parseInteger = (text: string, min: number, max: number): number | null => {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
};

const parseCfg = (text: string): number | null => {
  const trimmed = text.trim().replace(',', '.');
  if (!DECIMAL.test(trimmed)) return null;
  const n = Number(trimmed);
  return n > 0 && n <= NATIVE_LIMITS.cfgMax ? n : null;
};

export const findModel = (models: readonly ModelInfo[], id: string | undefined): ModelInfo | undefined =>
  id ? models.find((m) => m.id === id) : undefined;

/** The model the simple form runs on: the chosen one, else Venice's default from the traits map. */
export const simpleModel = (values: SimpleValues, models: readonly ModelInfo[], traits: Record<string, string>): ModelInfo | undefined =>
  findModel(models, values.model || traits.default);

const buildSimple = (prompt: string, values: SimpleValues, model: ModelInfo | undefined): BuiltRequest => {
  const request: SimpleJobRequest = {
    endpoint: 'openai',
    prompt,
    ...(values.model ? { model: values.model } : {}),
    size: values.size,
    outputFormat: values.outputFormat,
    moderation: values.moderation,
  };
  const promptLimit = Math.min(PROMPT_MAX_CHARS, model?.constraints.promptCharacterLimit ?? PROMPT_MAX_CHARS);
  return { request, model, problems: [], promptLimit };
};

/** Only what the chosen model uses is sent, so Venice applies the model's own defaults to the rest. */
const buildAdvanced = (prompt: string, values: AdvancedValues, model: ModelInfo | undefined): BuiltRequest => {
  const problems: ParseProblem[] = [];
  const request: AdvancedJobRequest = {
    endpoint: 'native',
    prompt,
    model: values.model,
    variants: values.variants,
    format: values.format,
    safeMode: values.safeMode,
    hideWatermark: values.hideWatermark,
  };

  if (values.negativePrompt.trim() !== '' && (model?.supportsNegativePrompt ?? true)) request.negativePrompt = values.negativePrompt.trim();

  if (values.seedLocked) {
    const seed = parseInteger(values.seed, -NATIVE_LIMITS.seedMax, NATIVE_LIMITS.seedMax);
    if (seed === null) problems.push({ field: 'seed', key: 'advanced.invalid.seed', params: { max: NATIVE_LIMITS.seedMax } });
    else request.seed = seed;
  }

  if (values.steps.trim() !== '' && (model?.usesSteps ?? true)) {
    const steps = parseInteger(values.steps, 1, 100);
    if (steps === null) problems.push({ field: 'steps', key: 'advanced.invalid.steps', params: { max: model?.constraints.steps.max ?? 100 } });
    else request.steps = steps;
  }

  if (values.cfgScale.trim() !== '') {
    const cfg = parseCfg(values.cfgScale);
    if (cfg === null) problems.push({ field: 'cfgScale', key: 'advanced.invalid.cfgScale', params: { max: NATIVE_LIMITS.cfgMax } });
    else request.cfgScale = cfg;
  }

  if (values.stylePreset !== '') request.stylePreset = values.stylePreset;

  const sizing = model?.sizing ?? 'pixels';
  if (sizing === 'pixels') {
    for (const field of ['width', 'height'] as const) {
      const value = parseInteger(values[field], 1, NATIVE_LIMITS.maxPixelEdge);
      if (value === null) problems.push({ field, key: 'advanced.invalid.edge', params: { max: NATIVE_LIMITS.maxPixelEdge } });
      else request[field] = value;
    }
  } else if (values.aspectRatio !== '') {
    request.aspectRatio = values.aspectRatio;
  }
  if (values.resolution !== '' && model?.constraints.resolutions?.length) request.resolution = values.resolution;
  if (isQuality(values.quality) && model?.constraints.qualities?.length) request.quality = values.quality;
  problems.push(...addOptionalFields(request, values, model));

  const promptLimit = Math.min(NATIVE_LIMITS.promptMaxChars, model?.constraints.promptCharacterLimit ?? NATIVE_LIMITS.promptMaxChars);
  return { request, model, problems, promptLimit };
};

/**
 * The optional native fields, each only where the model offers it (a hidden field is never sent). References are the
 * exception: once chosen they are always in the request, so a model that cannot take them blocks Generate with a
 * message instead of dropping them unseen.
 */
const addOptionalFields = (request: AdvancedJobRequest, values: AdvancedValues, model: ModelInfo | undefined): ParseProblem[] => {
  const problems: ParseProblem[] = [];
  if (values.loraStrength.trim() !== '' && model?.usesLora) {
    const lora = parseInteger(values.loraStrength, 0, NATIVE_LIMITS.loraStrengthMax);
    if (lora === null) problems.push({ field: 'loraStrength', key: 'advanced.invalid.loraStrength', params: { max: NATIVE_LIMITS.loraStrengthMax } });
    else request.loraStrength = lora;
  }
  if (values.enableWebSearch && model?.supportsWebSearch) request.enableWebSearch = true;
  if (values.disablePromptThinking && model?.supportsPromptThinking) request.disablePromptThinking = true;
  if (values.styleReferences.length > 0) {
    const strength = model?.styleReferences?.strength ? { strength: values.styleStrength } : {};
    request.styleReferences = values.styleReferences.map((id) => ({ input: { kind: 'library', id }, ...strength }));
  }
  return problems;
};

export const buildRequest = (form: FormState, models: readonly ModelInfo[], traits: Record<string, string>): BuiltRequest => {
  const prompt = form.prompt.trim();
  return form.mode === 'simple'
    ? buildSimple(prompt, form.simple, simpleModel(form.simple, models, traits))
    : buildAdvanced(prompt, form.advanced, findModel(models, form.advanced.model));
};

/** Empty, unpaired surrogates or over the limit: Generate stays disabled (the box itself says why). */
export const promptUsable = (prompt: string, limit: number): boolean =>
  prompt.trim().length > 0 && prompt.isWellFormed() && promptLength(prompt) <= limit;

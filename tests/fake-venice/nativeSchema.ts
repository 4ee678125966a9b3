import { findModel, isKnownStyle, RETIRED_MODELS, usesSteps, type ModelEntry } from './catalog.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './openAiSchema.ts';
import { styleReferenceIssues } from './styleReferences.ts';
import { detailedErrorBody, validateClosedObject, type Issue, type Rules } from './validation.ts';

/**
 * `POST /image/generate` as the API notes describe it (§2.1 and the §14 checklist): a closed schema with the
 * spec's global bounds, then the checks that depend on the model's catalog entry. Written from the notes, not
 * from Lagoon's schema, so the fake can catch Lagoon getting a limit wrong.
 */
const SCHEMA_PROMPT_MAX = 7500;

const NATIVE_RULES: Rules = {
  model: { kind: 'string', required: true },
  prompt: { kind: 'string', required: true, min: 1, max: SCHEMA_PROMPT_MAX },
  negative_prompt: { kind: 'string', max: SCHEMA_PROMPT_MAX },
  width: { kind: 'int', gt: 0, max: 1280 },
  height: { kind: 'int', gt: 0, max: 1280 },
  aspect_ratio: { kind: 'string' },
  resolution: { kind: 'string' },
  quality: { kind: 'enum', values: ['low', 'medium', 'high'] },
  steps: { kind: 'int', gt: 0 },
  cfg_scale: { kind: 'number', gt: 0, max: 20 },
  seed: { kind: 'int', min: -999_999_999, max: 999_999_999 },
  variants: { kind: 'int', min: 1, max: 4 },
  style_preset: { kind: 'string' },
  format: { kind: 'enum', values: OUTPUT_FORMATS },
  return_binary: { kind: 'boolean' },
  safe_mode: { kind: 'boolean' },
  hide_watermark: { kind: 'boolean' },
  embed_exif_metadata: { kind: 'boolean' },
  lora_strength: { kind: 'int', min: 0, max: 100 },
  enable_web_search: { kind: 'boolean' },
  enhance_prompt: { kind: 'boolean' },
  disable_prompt_optimization_thinking: { kind: 'boolean' },
  style_references: { kind: 'array' },
};

/** The request after validation, with Venice's defaults applied. */
export interface NativeBody {
  model: ModelEntry;
  prompt: string;
  width: number;
  height: number;
  /** The ratio rendered (the model's default when none or an unknown one was given); aspect-ratio models only. */
  aspectRatio: string | undefined;
  resolution: string | undefined;
  quality: string | undefined;
  seed: number | undefined;
  variants: number;
  format: OutputFormat;
  safeMode: boolean;
  returnBinary: boolean;
  enhancePrompt: boolean;
  /** What Venice echoes back under `request.data`: the parsed request with its defaults. */
  echo: Record<string, unknown>;
}

export type NativeCheck = { ok: true; value: NativeBody } | { ok: false; status: number; body: unknown };

const tooLong = (path: string, max: number): Issue => ({
  code: 'too_big',
  maximum: max,
  type: 'string',
  inclusive: true,
  exact: false,
  path: [path],
  message: `String must contain at most ${max} character(s)`,
});

const notInList = (path: string, value: string, values: readonly string[]): Issue => ({
  code: 'invalid_enum_value',
  options: [...values],
  received: value,
  path: [path],
  message: `Invalid enum value. Expected ${values.map((v) => `'${v}'`).join(' | ')}, received '${value}'`,
});

const custom = (path: string, message: string): Issue => ({ code: 'custom', path: [path], message });

type Raw = Record<string, unknown>;

const chars = (s: unknown): number => (typeof s === 'string' ? [...s].length : 0);

/** The checks Venice makes against the chosen model's catalog entry. */
const modelIssues = (b: Raw, model: ModelEntry): Issue[] => {
  const c = model.model_spec.constraints;
  const issues: Issue[] = [];
  if (chars(b.prompt) > c.promptCharacterLimit) issues.push(tooLong('prompt', c.promptCharacterLimit));
  if (chars(b.negative_prompt) > c.promptCharacterLimit) issues.push(tooLong('negative_prompt', c.promptCharacterLimit));
  if (typeof b.steps === 'number' && usesSteps(model.id) && b.steps > c.steps.max) {
    issues.push({ code: 'too_big', maximum: c.steps.max, type: 'number', inclusive: true, exact: false, path: ['steps'], message: `Number must be less than or equal to ${c.steps.max}` });
  }
  if (typeof b.resolution === 'string' && c.resolutions && !c.resolutions.includes(b.resolution)) {
    issues.push(notInList('resolution', b.resolution, c.resolutions));
  }
  if (typeof b.quality === 'string' && c.qualities && !c.qualities.includes(b.quality)) issues.push(notInList('quality', b.quality, c.qualities));
  if (typeof b.style_preset === 'string' && !isKnownStyle(b.style_preset)) {
    issues.push(custom('style_preset', `Invalid style preset '${b.style_preset}'. See GET /image/styles for the valid names.`));
  }
  if (b.return_binary === true && typeof b.variants === 'number' && b.variants > 1) {
    issues.push(custom('variants', 'variants can only be used when return_binary is false'));
  }
  if (Array.isArray(b.style_references)) issues.push(...styleReferenceIssues(b.style_references, model));
  // Web search is charged extra, so a model without it refuses the flag rather than silently dropping it.
  if (b.enable_web_search === true && model.model_spec.supportsWebSearch !== true) {
    issues.push(custom('enable_web_search', `The model ${model.id} does not support web search`));
  }
  return issues;
};

const echoOf = (b: Raw, v: Omit<NativeBody, 'echo' | 'model'>, model: ModelEntry): Record<string, unknown> => {
  const c = model.model_spec.constraints;
  // Venice drops what the model does not use; the sizing fields come back only in the model's own idiom.
  const { style_references: _refs, quality: _q, resolution: _r, aspect_ratio: _a, width: _w, height: _h, ...rest } = b;
  return {
    ...rest,
    ...(c.aspectRatios ? { aspect_ratio: v.aspectRatio } : { width: v.width, height: v.height }),
    ...(c.resolutions ? { resolution: v.resolution } : {}),
    ...(c.qualities ? { quality: v.quality } : {}),
    ...(usesSteps(model.id) ? { steps: typeof b.steps === 'number' ? b.steps : Math.min(c.steps.max, 20) } : {}),
    format: v.format,
    safe_mode: v.safeMode,
    hide_watermark: b.hide_watermark === true,
    embed_exif_metadata: b.embed_exif_metadata === true,
    return_binary: v.returnBinary,
    variants: v.variants,
  };
};

export const checkNativeRequest = (body: unknown): NativeCheck => {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (isObject && (body as Raw).model === undefined) return { ok: false, status: 400, body: { error: 'model is required' } };
  const issues = validateClosedObject(body, NATIVE_RULES);
  if (issues.length > 0) return { ok: false, status: 400, body: detailedErrorBody(issues) };
  const b = body as Raw;
  const id = b.model as string;
  const replacement = RETIRED_MODELS[id];
  if (replacement) {
    return { ok: false, status: 410, body: { error: `The model ${id} has been retired and is no longer available. Use ${replacement} instead.` } };
  }
  const model = findModel(id);
  if (!model) return { ok: false, status: 404, body: { error: `Specified model not found: ${id}` } };
  const problems = modelIssues(b, model);
  if (problems.length > 0) return { ok: false, status: 400, body: detailedErrorBody(problems) };

  const c = model.model_spec.constraints;
  const askedRatio = typeof b.aspect_ratio === 'string' ? b.aspect_ratio : undefined;
  const value: Omit<NativeBody, 'echo' | 'model'> = {
    prompt: b.prompt as string,
    width: typeof b.width === 'number' ? b.width : 1024,
    height: typeof b.height === 'number' ? b.height : 1024,
    // Venice does not reject an unknown ratio; it renders the model's default instead.
    aspectRatio: c.aspectRatios ? (askedRatio && c.aspectRatios.includes(askedRatio) ? askedRatio : c.defaultAspectRatio) : undefined,
    resolution: c.resolutions ? ((b.resolution as string | undefined) ?? c.defaultResolution) : undefined,
    quality: c.qualities ? ((b.quality as string | undefined) ?? c.defaultQuality) : undefined,
    seed: typeof b.seed === 'number' ? b.seed : undefined,
    variants: typeof b.variants === 'number' ? b.variants : 1,
    format: (b.format as OutputFormat | undefined) ?? 'webp',
    safeMode: b.safe_mode !== false,
    returnBinary: b.return_binary === true,
    enhancePrompt: b.enhance_prompt === true,
  };
  return { ok: true, value: { ...value, model, echo: echoOf(b, value, model) } };
};

import { DEFAULT_EDIT_MODEL, DEFAULT_MAX_INPUT_IMAGES, findInpaintModel, type EditModelEntry } from './editCatalog.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './openAiSchema.ts';
import { detailedErrorBody, validateClosedObject, type Issue, type Rules } from './validation.ts';

/**
 * The closed schemas of `/image/edit`, `/image/multi-edit`, `/image/upscale` and `/image/background-remove` (API
 * notes §6 and Addendum), written from the notes rather than from Lagoon's schemas. Image fields are checked by
 * editInputs.ts; here they only need to be present. Multipart bodies arrive as strings and are coerced first,
 * as Venice's form parser does.
 */
const RESOLUTIONS = ['1K', '2K', '4K'] as const;
const EDIT_OPTIONS: Rules = {
  prompt: { kind: 'string', required: true, min: 1, max: 32_768 },
  aspect_ratio: { kind: 'string' },
  resolution: { kind: 'enum', values: RESOLUTIONS },
  output_format: { kind: 'enum', values: OUTPUT_FORMATS },
  quality: { kind: 'enum', values: ['low', 'medium', 'high'] },
  enhance_prompt: { kind: 'boolean' },
  disable_prompt_optimization_thinking: { kind: 'boolean' },
  safe_mode: { kind: 'boolean' },
};

export const EDIT_RULES: Rules = { ...EDIT_OPTIONS, model: { kind: 'string' }, modelId: { kind: 'string' } };
export const MULTI_EDIT_RULES: Rules = { ...EDIT_OPTIONS, modelId: { kind: 'string' } };
export const UPSCALE_RULES: Rules = { scale: { kind: 'int' }, creativity: { kind: 'number', nullable: true } };
export const BACKGROUND_RULES: Rules = { image_url: { kind: 'string' } };

type Raw = Record<string, unknown>;
export type Refusal = { ok: false; status: number; body: unknown };

/** Multipart fields are text: numbers and booleans are read back the way a form parser with coercion would. */
export const coerceFormFields = (body: Raw, rules: Rules): Raw => {
  const out: Raw = { ...body };
  for (const [key, rule] of Object.entries(rules)) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    if ((rule.kind === 'int' || rule.kind === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) out[key] = Number(value);
    if (rule.kind === 'boolean' && (value === 'true' || value === 'false')) out[key] = value === 'true';
  }
  return out;
};

/** Validates everything but the image fields, which must merely be there. */
export const checkClosed = (body: Raw, rules: Rules, imageFields: readonly string[], required = true): Refusal | null => {
  const rest: Raw = { ...body };
  const issues: Issue[] = [];
  for (const field of imageFields) {
    if (required && rest[field] === undefined) issues.push({ code: 'invalid_type', expected: 'string', received: 'undefined', path: [field], message: 'Required' });
    delete rest[field];
  }
  issues.push(...validateClosedObject(rest, rules));
  return issues.length > 0 ? { ok: false, status: 400, body: detailedErrorBody(issues) } : null;
};

export interface EditOptions {
  model: EditModelEntry;
  prompt: string;
  aspectRatio: string;
  resolution: string;
  format: OutputFormat;
  enhancePrompt: boolean;
}

const fieldError = (path: string, message: string): Refusal => ({
  ok: false,
  status: 400,
  body: detailedErrorBody([{ code: 'custom', path: [path], message }]),
});

/** Model lookup and the model's own limits, shared by edit and multi-edit. */
export const editOptions = (b: Raw, modelId: string | undefined, combining: number | null): EditOptions | Refusal => {
  const id = modelId ?? DEFAULT_EDIT_MODEL;
  const model = findInpaintModel(id);
  if (!model) return { ok: false, status: 404, body: { error: `Specified model not found: ${id}` } };
  const c = model.model_spec.constraints;
  const prompt = b.prompt as string;
  if (c && [...prompt].length > c.promptCharacterLimit) {
    return fieldError('prompt', `String must contain at most ${c.promptCharacterLimit} character(s)`);
  }
  const aspectRatio = typeof b.aspect_ratio === 'string' ? b.aspect_ratio : 'auto';
  if (b.aspect_ratio !== undefined && c && !c.aspectRatios.includes(aspectRatio)) {
    return fieldError('aspect_ratio', `Invalid aspect ratio '${aspectRatio}' for ${id}`);
  }
  if (combining !== null) {
    if (c?.combineImages === false) return fieldError('modelId', `The model ${id} cannot combine images`);
    const max = c?.maxInputImages ?? DEFAULT_MAX_INPUT_IMAGES;
    if (combining > max) return fieldError('images', `Array must contain at most ${max} element(s)`);
  }
  const resolution = typeof b.resolution === 'string' ? b.resolution : '1K';
  // Venice's default: PNG at 1K, JPEG at 2K and 4K.
  const format = (b.output_format as OutputFormat | undefined) ?? (resolution === '1K' ? 'png' : 'jpeg');
  return { model, prompt, aspectRatio, resolution, format, enhancePrompt: b.enhance_prompt === true };
};

/** `scale` 2 or 4 (the removed 1 included); `creativity` clamped to 0–0.02 as Venice does. */
export const upscaleOptions = (b: Raw): { scale: 2 | 4; creativity: number } | Refusal => {
  const scale = b.scale ?? 2;
  if (scale !== 2 && scale !== 4) return fieldError('scale', `Invalid literal value, expected 2 | 4, received ${String(scale)}`);
  const creativity = typeof b.creativity === 'number' ? Math.min(0.02, Math.max(0, b.creativity)) : 0.01;
  return { scale, creativity };
};

export const isRefusal = (v: unknown): v is Refusal => typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;

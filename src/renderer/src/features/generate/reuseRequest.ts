import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';
import { IMAGE_FORMATS, IMAGE_SIZES, MODERATION_LEVELS } from '../../../../shared/veniceFacts.ts';
import { type AdvancedValues, DEFAULT_ADVANCED, DEFAULT_SIMPLE, type FormState, type SimpleValues } from './formValues.ts';

/**
 * An image's recorded request (snake_case, exactly as sent to Venice) → the form that sends it again. The row is
 * data from disk, not a type: every field is checked, and anything missing or odd falls back to the form default.
 */

type Body = Record<string, unknown>;

const text = (body: Body, key: string): string | undefined => {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
};
const num = (body: Body, key: string): number | undefined => {
  const v = body[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const bool = (body: Body, key: string): boolean | undefined => {
  const v = body[key];
  return typeof v === 'boolean' ? v : undefined;
};
const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : undefined;

const toSimple = (body: Body): SimpleValues => ({
  model: text(body, 'model') ?? DEFAULT_SIMPLE.model,
  size: oneOf(IMAGE_SIZES, text(body, 'size')) ?? DEFAULT_SIMPLE.size,
  outputFormat: oneOf(IMAGE_FORMATS, text(body, 'output_format')) ?? DEFAULT_SIMPLE.outputFormat,
  moderation: oneOf(MODERATION_LEVELS, text(body, 'moderation')) ?? DEFAULT_SIMPLE.moderation,
});

const numberText = (v: number | undefined): string => (v === undefined ? '' : String(v));

const toAdvanced = (body: Body): AdvancedValues => {
  const seed = num(body, 'seed');
  const width = num(body, 'width');
  const height = num(body, 'height');
  return {
    model: text(body, 'model') ?? DEFAULT_ADVANCED.model,
    negativePrompt: text(body, 'negative_prompt') ?? '',
    // The recorded seed is what made this picture: reuse means the same picture again, so the seed is locked.
    seedLocked: seed !== undefined,
    seed: numberText(seed),
    steps: numberText(num(body, 'steps')),
    cfgScale: numberText(num(body, 'cfg_scale')),
    stylePreset: text(body, 'style_preset') ?? '',
    variants: Math.min(4, Math.max(1, Math.trunc(num(body, 'variants') ?? 1))),
    width: width === undefined ? DEFAULT_ADVANCED.width : String(width),
    height: height === undefined ? DEFAULT_ADVANCED.height : String(height),
    aspectRatio: text(body, 'aspect_ratio') ?? '',
    resolution: text(body, 'resolution') ?? '',
    quality: text(body, 'quality') ?? '',
    format: oneOf(IMAGE_FORMATS, text(body, 'format')) ?? DEFAULT_ADVANCED.format,
    safeMode: bool(body, 'safe_mode') ?? DEFAULT_ADVANCED.safeMode,
    hideWatermark: bool(body, 'hide_watermark') ?? DEFAULT_ADVANCED.hideWatermark,
    loraStrength: numberText(num(body, 'lora_strength')),
    enableWebSearch: bool(body, 'enable_web_search') ?? false,
    disablePromptThinking: bool(body, 'disable_prompt_optimization_thinking') ?? false,
    ...references(body),
  };
};

/** `style_references` as recorded (library id, sha256, strength; never bytes) → the library ids and their strength. */
const references = (body: Body): Pick<AdvancedValues, 'styleReferences' | 'styleStrength'> => {
  const recorded = Array.isArray(body.style_references) ? (body.style_references as unknown[]) : [];
  const items = recorded.filter((r): r is Body => typeof r === 'object' && r !== null);
  // A reference that was a file outside the library cannot be named again from here; the library ones can.
  const ids = items.map((r) => text(r, 'imageId')).filter((id): id is string => id !== undefined);
  const strength = items.map((r) => num(r, 'strength')).find((s) => s !== undefined);
  return { styleReferences: ids, styleStrength: strength ?? DEFAULT_ADVANCED.styleStrength };
};

/** The form state that repeats `image`'s request; the other form keeps what it had. */
export const formFromImage = (image: ImageDetail, current: FormState): FormState => {
  const body = image.request;
  const prompt = text(body, 'prompt') ?? image.prompt;
  return image.endpoint === 'openai'
    ? { ...current, mode: 'simple', prompt, simple: toSimple(body) }
    : { ...current, mode: 'advanced', prompt, advanced: toAdvanced(body) };
};

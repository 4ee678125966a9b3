import { IMAGE_FORMATS, IMAGE_SIZES, MODERATION_LEVELS, STYLE_REFERENCE_LIMITS } from '../../../../shared/veniceFacts.ts';
import { type AdvancedValues, DEFAULT_ADVANCED, DEFAULT_SIMPLE, type FormState, INITIAL_FORM, type SimpleValues } from './formValues.ts';

/**
 * The Generate form's choices (mode, model, size, format, advanced values) survive a restart in this window's
 * localStorage; the prompt does not (the prompt history keeps those). What is read back is data from disk: each field
 * is checked and falls back to its default, so an older or hand-edited entry can never break the form.
 */
const KEY = 'lagoon.generateForm';

type Raw = Record<string, unknown>;
const record = (v: unknown): Raw => (typeof v === 'object' && v !== null ? (v as Raw) : {});
const oneOf = <T extends string>(list: readonly T[], v: unknown, fallback: T): T => (list as readonly unknown[]).includes(v) ? (v as T) : fallback;
const text = (v: unknown, fallback: string): string => (typeof v === 'string' && v.length <= 2000 ? v : fallback);
const flag = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const strength = (v: unknown, fallback: number): number =>
  typeof v === 'number' && v >= STYLE_REFERENCE_LIMITS.minStrength && v <= STYLE_REFERENCE_LIMITS.maxStrength ? v : fallback;

const simpleFrom = (raw: Raw): SimpleValues => ({
  model: text(raw.model, DEFAULT_SIMPLE.model),
  size: oneOf(IMAGE_SIZES, raw.size, DEFAULT_SIMPLE.size),
  outputFormat: oneOf(IMAGE_FORMATS, raw.outputFormat, DEFAULT_SIMPLE.outputFormat),
  moderation: oneOf(MODERATION_LEVELS, raw.moderation, DEFAULT_SIMPLE.moderation),
});

const advancedFrom = (raw: Raw): AdvancedValues => {
  const d = DEFAULT_ADVANCED;
  const variants = typeof raw.variants === 'number' && Number.isInteger(raw.variants) && raw.variants >= 1 && raw.variants <= 4 ? raw.variants : d.variants;
  return {
    model: text(raw.model, d.model),
    negativePrompt: text(raw.negativePrompt, d.negativePrompt),
    seedLocked: flag(raw.seedLocked, d.seedLocked),
    seed: text(raw.seed, d.seed),
    steps: text(raw.steps, d.steps),
    cfgScale: text(raw.cfgScale, d.cfgScale),
    stylePreset: text(raw.stylePreset, d.stylePreset),
    variants,
    width: text(raw.width, d.width),
    height: text(raw.height, d.height),
    aspectRatio: text(raw.aspectRatio, d.aspectRatio),
    resolution: text(raw.resolution, d.resolution),
    quality: text(raw.quality, d.quality),
    format: oneOf(IMAGE_FORMATS, raw.format, d.format),
    safeMode: flag(raw.safeMode, d.safeMode),
    hideWatermark: flag(raw.hideWatermark, d.hideWatermark),
    loraStrength: text(raw.loraStrength, d.loraStrength),
    enableWebSearch: flag(raw.enableWebSearch, d.enableWebSearch),
    disablePromptThinking: flag(raw.disablePromptThinking, d.disablePromptThinking),
    // References are library images of one session's work, like the prompt: they are not brought back.
    styleReferences: d.styleReferences,
    styleStrength: strength(raw.styleStrength, d.styleStrength),
  };
};

/** The form as the last session left it (without its prompt), or the defaults. */
export const loadStoredForm = (): FormState => {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) return INITIAL_FORM;
    const saved = record(JSON.parse(raw));
    return { mode: oneOf(['simple', 'advanced'] as const, saved.mode, 'simple'), prompt: '', simple: simpleFrom(record(saved.simple)), advanced: advancedFrom(record(saved.advanced)) };
  } catch {
    return INITIAL_FORM;
  }
};

export const storeForm = (form: FormState): void => {
  try {
    localStorage.setItem(KEY, JSON.stringify({ mode: form.mode, simple: form.simple, advanced: form.advanced }));
  } catch {
    // Storage unavailable (a private profile, a full quota): the choices last for this session only.
  }
};

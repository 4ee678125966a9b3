import { readFileSync } from 'node:fs';

/**
 * The fake's model catalog and style list. The data files are copies of real Venice entries (docs cache of
 * 2026-04-17, see the project's Venice notes), kept in the repo so a fresh clone needs nothing else.
 * Two deliberate edits, because no real 2026-04 entry had these traits:
 *  - gpt-image-1-5 was given `qualities: [low, medium, high]` (default medium) to stand for quality models;
 *  - hunyuan-image-v3 was marked `offline: true` to stand for a model that cannot serve right now.
 */
export interface ModelConstraints {
  promptCharacterLimit: number;
  steps: { default: number; max: number };
  widthHeightDivisor: number;
  aspectRatios?: string[];
  defaultAspectRatio?: string;
  resolutions?: string[];
  defaultResolution?: string;
  qualities?: string[];
  defaultQuality?: string;
}

export interface ModelEntry {
  id: string;
  type: string;
  object: 'model';
  owned_by: string;
  created: number;
  model_spec: {
    name: string;
    offline?: boolean;
    traits?: string[];
    deprecation?: { date: string; replacementModelId?: string };
    pricing: {
      generation?: { usd: number; diem: number };
      resolutions?: Record<string, { usd: number; diem: number }>;
    };
    constraints: ModelConstraints;
    [key: string]: unknown;
  };
}

const readData = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

const MODELS: readonly ModelEntry[] = readData<{ data: ModelEntry[] }>('models-image.json').data;
const STYLES: readonly string[] = readData<{ data: string[] }>('styles.json').data;

export const DEFAULT_MODEL_ID = 'z-image-turbo';

/** Valid `type` values of `GET /models` per the spec; anything else is a 400. */
const MODEL_TYPES = ['asr', 'embedding', 'image', 'music', 'text', 'tts', 'upscale', 'inpaint', 'video', 'all', 'code'];

export const isKnownModelType = (type: string): boolean => MODEL_TYPES.includes(type);

export const findModel = (id: string): ModelEntry | undefined => MODELS.find((m) => m.id === id);

/** Venice's OpenAI route silently swaps unknown or missing model ids (e.g. `dall-e-3`) for its default model. */
export const resolveOpenAiModel = (id: string | undefined): ModelEntry => {
  const model = (id ? findModel(id) : undefined) ?? findModel(DEFAULT_MODEL_ID);
  if (!model) throw new Error(`fake catalog lacks the default model ${DEFAULT_MODEL_ID}`);
  return model;
};

/** Without `type` Venice lists only text models, which the fake does not have. */
export const modelsBody = (type: string | null): { object: 'list'; type: string; data: ModelEntry[] } => {
  const effective = type ?? 'text';
  const data = effective === 'image' || effective === 'all' ? [...MODELS] : [];
  return { object: 'list', type: effective, data };
};

/** Trait → model map, first model carrying a trait wins (the catalog lists current models before deprecated ones). */
export const traitsBody = (type: string | null): { object: 'list'; type: string; data: Record<string, string> } => {
  const effective = type ?? 'text';
  const data: Record<string, string> = {};
  if (effective === 'image') {
    for (const model of MODELS) {
      if (model.model_spec.deprecation) continue;
      for (const trait of model.model_spec.traits ?? []) data[trait] ??= model.id;
    }
  }
  return { object: 'list', type: effective, data };
};

export const stylesBody = (): { object: 'list'; data: string[] } => ({ object: 'list', data: [...STYLES] });

export const priceUsd = (model: ModelEntry): number => {
  const { generation, resolutions } = model.model_spec.pricing;
  return generation?.usd ?? Object.values(resolutions ?? {})[0]?.usd ?? 0;
};

const snapTo8 = (v: number): number => Math.max(64, Math.round(v / 8) * 8);

/**
 * What Venice renders: pixel models honour the requested size; aspect-ratio models ignore it and render their
 * default ratio at about one megapixel, so clients must not assume the size they asked for.
 */
export const outputDimensions = (
  model: ModelEntry,
  requested: { width: number; height: number },
): { width: number; height: number } => {
  const ratio = model.model_spec.constraints.defaultAspectRatio;
  if (!model.model_spec.constraints.aspectRatios || !ratio) return requested;
  const [w, h] = ratio.split(':').map(Number);
  if (!w || !h) return { width: 1024, height: 1024 };
  const scale = Math.sqrt((1024 * 1024) / (w * h));
  return { width: snapTo8(w * scale), height: snapTo8(h * scale) };
};

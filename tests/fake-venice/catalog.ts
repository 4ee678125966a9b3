import { readFileSync } from 'node:fs';
import { INPAINT_MODELS, UPSCALE_MODELS, type EditModelEntry } from './editCatalog.ts';

/**
 * The fake's model catalog and style list. The data files are copies of real Venice entries (docs cache of
 * 2026-04-17, see the project's Venice notes), kept in the repo so a fresh clone needs nothing else.
 * Deliberate edits, because no real 2026-04 entry had these traits:
 *  - gpt-image-1-5 was given `qualities: [low, medium, high]` (default medium) and a `pricing.quality` matrix
 *    (keyed by resolution, then quality, as gpt-image-2 has it) to stand for quality models;
 *  - hunyuan-image-v3 was marked `offline: true` to stand for a model that cannot serve right now;
 *  - lustify-v7's deprecation names `replacementModelId: lustify-v8`, as newer catalog entries do;
 *  - nano-banana-2 accepts `style_references` (`supportsStyleReferences`, `maxStyleReferences: 3`), which no
 *    model did in the 2026-08 catalogue, so a client's reference-image path can be tested; it also says
 *    `supportsOptimizePromptThinking`, a flag of Venice's spec no cached entry carried.
 * The edit and upscale catalogues live in editCatalog.ts.
 */
interface ModelConstraints {
  promptCharacterLimit: number;
  steps: { default: number; max: number };
  widthHeightDivisor: number;
  aspectRatios?: string[];
  defaultAspectRatio?: string;
  resolutions?: string[];
  defaultResolution?: string;
  qualities?: string[];
  defaultQuality?: string;
  maxStyleReferences?: number;
  supportsStyleReferenceStrength?: boolean;
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
      quality?: Record<string, Record<string, { usd: number; diem: number }>>;
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

/** Ids Venice has removed and cannot route any more (`POST /image/generate` → 410 naming the replacement). */
export const RETIRED_MODELS: Readonly<Record<string, string>> = { hidream: 'z-image-turbo' };

/** Only these honour `steps` (and check it against `steps.max`); every other model ignores the field. */
export const usesSteps = (id: string): boolean => id === 'venice-sd35' || id === 'wai-Illustrious' || id.startsWith('lustify-');

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

/** `GET /models?type=…` for every type the fake has: image, plus the edit (inpaint) and upscale catalogues. */
export const catalogueBody = (type: string | null): { object: 'list'; type: string; data: Array<ModelEntry | EditModelEntry> } => {
  const body = modelsBody(type);
  const all = body.type === 'all';
  const data = [...body.data, ...(body.type === 'inpaint' || all ? INPAINT_MODELS : []), ...(body.type === 'upscale' || all ? UPSCALE_MODELS : [])];
  return { ...body, data };
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

/** Style names are matched exactly, case included. */
export const isKnownStyle = (name: string): boolean => STYLES.includes(name);

/** Per image, for the resolution and quality actually rendered (defaults when not given). */
export const priceUsd = (model: ModelEntry, choice: { resolution?: string; quality?: string } = {}): number => {
  const { generation, resolutions, quality } = model.model_spec.pricing;
  const tier = choice.resolution ?? model.model_spec.constraints.defaultResolution ?? '1K';
  const level = choice.quality ?? model.model_spec.constraints.defaultQuality;
  const byQuality = level ? (quality?.[tier] ?? Object.values(quality ?? {})[0])?.[level]?.usd : undefined;
  return byQuality ?? resolutions?.[tier]?.usd ?? generation?.usd ?? Object.values(resolutions ?? {})[0]?.usd ?? 0;
};

const snapTo8 = (v: number): number => Math.max(64, Math.round(v / 8) * 8);

/** The longest edge the fake renders, so 4K requests stay fast; real 4K would be ~4096. */
const MAX_RENDER_EDGE = 2048;

/** "1K" / "2k" / "4K" → 1, 2, 4 (Venice lists grok's tiers in lower case). */
const resolutionScale = (resolution: string | undefined): number => {
  const n = Number(/^(\d)k$/i.exec(resolution ?? '')?.[1] ?? 1);
  return n >= 1 ? n : 1;
};

/**
 * What Venice renders: pixel models honour the requested size; aspect-ratio models ignore it and render the
 * given ratio (their default when none or an unknown one is given) at about one megapixel per resolution tier,
 * so clients must not assume the size they asked for.
 */
export const outputDimensions = (
  model: ModelEntry,
  requested: { width: number; height: number },
  choice: { aspectRatio?: string; resolution?: string } = {},
): { width: number; height: number } => {
  const { aspectRatios, defaultAspectRatio } = model.model_spec.constraints;
  if (!aspectRatios || !defaultAspectRatio) return requested;
  const ratio = choice.aspectRatio && aspectRatios.includes(choice.aspectRatio) ? choice.aspectRatio : defaultAspectRatio;
  const [w, h] = ratio.split(':').map(Number);
  if (!w || !h) return { width: 1024, height: 1024 };
  return sizeForRatio(w, h, choice.resolution);
};

/** About one megapixel per resolution tier in the ratio w:h, edges snapped to 8 and capped at MAX_RENDER_EDGE. */
export const sizeForRatio = (w: number, h: number, resolution: string | undefined): { width: number; height: number } => {
  const scale = Math.sqrt((1024 * 1024) / (w * h)) * resolutionScale(resolution);
  const shrink = Math.min(1, MAX_RENDER_EDGE / (Math.max(w, h) * scale));
  return { width: snapTo8(w * scale * shrink), height: snapTo8(h * scale * shrink) };
};

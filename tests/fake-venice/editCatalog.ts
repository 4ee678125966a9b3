import { readFileSync } from 'node:fs';
import type { ModelEntry } from './catalog.ts';

/**
 * The edit ("inpaint") and upscale catalogues. `models-inpaint.json` is the 11-model snapshot that still carries
 * `constraints`; `models-upscale.json` lists Venice's one upscaler. Deliberate edits, because no real entry had
 * these traits:
 *  - qwen-edit carries a deprecation naming firered-image-edit (Venice retired it);
 *  - grok-imagine-edit is `offline: true`;
 *  - nano-banana-2-edit has `maxInputImages: 4` (others fall back to Venice's default of 3);
 *  - gpt-image-1-5-edit has `combineImages: false`, so multi-edit refuses it.
 */
export interface EditModelEntry extends Omit<ModelEntry, 'model_spec'> {
  model_spec: {
    name: string;
    offline?: boolean;
    deprecation?: { date: string; replacementModelId?: string };
    pricing: { inpaint?: { usd: number; diem: number }; upscale?: Record<string, { usd: number; diem: number }> };
    constraints?: { aspectRatios: string[]; promptCharacterLimit: number; combineImages?: boolean; maxInputImages?: number };
    [key: string]: unknown;
  };
}

const readData = (name: string): EditModelEntry[] =>
  (JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as { data: EditModelEntry[] }).data;

export const INPAINT_MODELS: readonly EditModelEntry[] = readData('models-inpaint.json');
export const UPSCALE_MODELS: readonly EditModelEntry[] = readData('models-upscale.json');

/** The spec's default for `/image/edit` (the edit docs page still names the retired qwen-edit). */
export const DEFAULT_EDIT_MODEL = 'firered-image-edit';

/** Venice's limit on `images[]` when a model's constraints do not say. */
export const DEFAULT_MAX_INPUT_IMAGES = 3;

/** What `/image/background-remove` bills (bria-bg-remover, 2026-08 pricing). */
export const BACKGROUND_REMOVAL_USD = 0.03;

export const findInpaintModel = (id: string): EditModelEntry | undefined => INPAINT_MODELS.find((m) => m.id === id);

export const upscalePriceUsd = (scale: 2 | 4): number => UPSCALE_MODELS[0]?.model_spec.pricing.upscale?.[`${scale}x`]?.usd ?? 0;

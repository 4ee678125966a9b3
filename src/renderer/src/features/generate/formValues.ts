import { type ImageFormat, type ImageSize, type Moderation, STYLE_REFERENCE_LIMITS } from '../../../../shared/veniceFacts.ts';

/** Which form is showing: the simple one (OpenAI-compatible route) or the advanced panel (native route). */
export type FormMode = 'simple' | 'advanced';

export interface SimpleValues {
  /** '' = Venice's default model. */
  model: string;
  size: ImageSize;
  outputFormat: ImageFormat;
  moderation: Moderation;
}

/**
 * The advanced panel as the user sees it. Number fields are kept as typed text so a half-typed value ("1.", "")
 * is not rewritten under the cursor; an empty steps or cfg field means "the model's default" and is not sent.
 */
export interface AdvancedValues {
  model: string;
  negativePrompt: string;
  /** Off: no seed is sent and main picks (and records) a random one. */
  seedLocked: boolean;
  seed: string;
  steps: string;
  cfgScale: string;
  /** '' = no style. */
  stylePreset: string;
  variants: number;
  width: string;
  height: string;
  aspectRatio: string;
  resolution: string;
  quality: string;
  format: ImageFormat;
  safeMode: boolean;
  hideWatermark: boolean;
  /** '' = not sent; 0–100, for models built on LoRAs. */
  loraStrength: string;
  /** Web search before rendering (an extra charge per image), where the model offers it. */
  enableWebSearch: boolean;
  /** Skip the model's own prompt-rewriting step, where the model has one. */
  disablePromptThinking: boolean;
  /** Reference images, by library id, in the user's order. */
  styleReferences: readonly string[];
  /** One strength for every reference (Venice's default 0.5). */
  styleStrength: number;
}

export const DEFAULT_SIMPLE: SimpleValues = { model: '', size: 'auto', outputFormat: 'png', moderation: 'auto' };

export const DEFAULT_ADVANCED: AdvancedValues = {
  model: '',
  negativePrompt: '',
  seedLocked: false,
  seed: '',
  steps: '',
  cfgScale: '',
  stylePreset: '',
  variants: 1,
  width: '1024',
  height: '1024',
  aspectRatio: '',
  resolution: '',
  quality: '',
  format: 'png',
  // Venice's own defaults: Safe mode on, watermark as the model decides.
  safeMode: true,
  hideWatermark: false,
  loraStrength: '',
  enableWebSearch: false,
  disablePromptThinking: false,
  styleReferences: [],
  styleStrength: STYLE_REFERENCE_LIMITS.defaultStrength,
};

/** Everything a form holds; the prompt is shared so switching forms keeps what was written. */
export interface FormState {
  mode: FormMode;
  prompt: string;
  simple: SimpleValues;
  advanced: AdvancedValues;
}

export const INITIAL_FORM: FormState = { mode: 'simple', prompt: '', simple: DEFAULT_SIMPLE, advanced: DEFAULT_ADVANCED };

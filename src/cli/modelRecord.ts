import type { ModelInfo } from '../shared/models.ts';
import { priceFor } from '../shared/pricing.ts';
import { printable, shorten } from './output.ts';

/**
 * One model as `lagoon models --json` prints it. Every object has every key (null where a model has no such
 * setting), so a script can read the list without probing.
 */
export interface CliModel {
  id: string;
  name: string;
  /** Venice's default image model (used when no --model is given). */
  default: boolean;
  /** One image at the model's default settings (resolution, quality), in USD; null when Venice gives no price. */
  priceUsd: number | null;
  pricing: ModelInfo['pricing'];
  sizing: ModelInfo['sizing'];
  /** Pixel-sized models: width and height must be divisible by this; null for aspect-ratio models. */
  widthHeightDivisor: number | null;
  aspectRatios: string[] | null;
  defaultAspectRatio: string | null;
  resolutions: string[] | null;
  defaultResolution: string | null;
  qualities: string[] | null;
  defaultQuality: string | null;
  steps: { default: number; max: number };
  /** Only these models honour --steps; Venice ignores it for the rest. */
  usesSteps: boolean;
  supportsNegativePrompt: boolean;
  /** The longest prompt (and negative prompt) the model takes, in characters. */
  promptLimit: number;
  traits: string[];
  deprecated: { date: string | null; replacement: string | null } | null;
  offline: boolean;
  /** --style-ref: how many, and whether --style-strength counts; null when the model takes none. */
  styleReferences: { max: number; strength: boolean } | null;
  /** --web-search (an extra charge per image). */
  webSearch: boolean;
  /** --no-prompt-thinking. */
  promptThinking: boolean;
  /** --lora-strength. */
  usesLora: boolean;
}

export const toCliModel = (model: ModelInfo, defaultId: string | undefined): CliModel => {
  const c = model.constraints;
  return {
    id: model.id,
    name: model.name,
    default: model.id === defaultId,
    // The OpenAI-route request carries no resolution or quality, so this is the price at the model's defaults.
    priceUsd: priceFor(model, { endpoint: 'openai', prompt: '-', model: model.id, size: 'auto', outputFormat: 'png', moderation: 'auto' }),
    pricing: model.pricing,
    sizing: model.sizing,
    widthHeightDivisor: model.sizing === 'pixels' ? c.widthHeightDivisor : null,
    aspectRatios: c.aspectRatios ?? null,
    defaultAspectRatio: c.defaultAspectRatio ?? null,
    resolutions: c.resolutions ?? null,
    defaultResolution: c.defaultResolution ?? null,
    qualities: c.qualities ?? null,
    defaultQuality: c.defaultQuality ?? null,
    steps: { default: c.steps.default, max: c.steps.max },
    usesSteps: model.usesSteps,
    supportsNegativePrompt: model.supportsNegativePrompt,
    promptLimit: c.promptCharacterLimit,
    traits: model.traits,
    deprecated: model.deprecation,
    offline: model.offline,
    styleReferences: model.styleReferences ?? null,
    webSearch: model.supportsWebSearch === true,
    promptThinking: model.supportsPromptThinking === true,
    usesLora: model.usesLora === true,
  };
};

export const MODEL_COLUMNS = ['ID', 'NAME', 'USD/IMAGE', 'PROMPT', 'STEPS', 'RESOLUTIONS', 'QUALITIES', 'NOTES', 'SIZING'] as const;

/** Up to six decimals, at least two: Venice prices some models in fractions of a cent. */
const usd = (n: number): string => n.toFixed(Math.min(6, Math.max(2, (String(n).split('.')[1] ?? '').length)));

const allPrices = (pricing: CliModel['pricing']): number[] => [
  ...(pricing.generation ? [pricing.generation.usd] : []),
  ...Object.values(pricing.resolutions ?? {}).map((p) => p.usd),
  ...Object.values(pricing.quality ?? {}).flatMap((byLevel) => Object.values(byLevel).map((p) => p.usd)),
];

/** The default settings' price, and the range over resolutions and qualities when they change it. */
const priceCell = (model: CliModel): string => {
  if (model.priceUsd === null) return '?';
  const prices = allPrices(model.pricing);
  const [low, high] = [Math.min(...prices), Math.max(...prices)];
  return prices.length > 1 && low !== high ? `${usd(model.priceUsd)} (${usd(low)}–${usd(high)})` : usd(model.priceUsd);
};

/** A list with its default marked by `*` (the table's footer says so). */
const choices = (values: string[] | null, fallback: string | null): string =>
  values ? values.map((v) => printable(v === fallback ? `${v}*` : v)).join(' ') : '-';

const notes = (model: CliModel): string => {
  const deprecation = model.deprecated
    ? `deprecated${model.deprecated.date ? ` ${model.deprecated.date.slice(0, 10)}` : ''}${model.deprecated.replacement ? ` → ${model.deprecated.replacement}` : ''}`
    : null;
  const options = [
    model.styleReferences ? `references ≤${model.styleReferences.max}` : null,
    model.webSearch ? 'web search' : null,
    model.promptThinking ? 'prompt thinking' : null,
    model.usesLora ? 'LoRA' : null,
  ];
  return [model.offline ? 'OFFLINE' : null, deprecation, ...model.traits, ...options].filter((n) => n !== null).map(printable).join(', ') || '-';
};

export const modelRow = (model: CliModel): string[] => [
  printable(model.id),
  shorten(model.name, 30),
  priceCell(model),
  String(model.promptLimit),
  model.usesSteps ? `${model.steps.default}/${model.steps.max}` : '-',
  choices(model.resolutions, model.defaultResolution),
  choices(model.qualities, model.defaultQuality),
  notes(model),
  model.sizing === 'pixels' ? `width/height ÷${model.widthHeightDivisor}` : `ratios ${choices(model.aspectRatios, model.defaultAspectRatio)}`,
];

import type { ParseArgsOptionsConfig } from 'node:util';
import type { z } from 'zod';
import { resolve } from 'node:path';
import { type StyleReference, zAdvancedJobRequest } from '../shared/ipc/schemas/jobs.ts';
import {
  dimensionsForSize,
  IMAGE_FORMATS,
  IMAGE_SIZES,
  type ImageFormat,
  type ImageSize,
  type Moderation,
  MODERATION_LEVELS,
  NATIVE_LIMITS,
} from '../shared/venice.ts';
import { STYLE_REFERENCE_LIMITS } from '../shared/veniceFacts.ts';
import { HELP_FLAG, invalid, JSON_FLAG, oneOf, parse, type Parsed } from './argParsing.ts';
import { inputRef } from './iterate/iterateArgs.ts';
import { BATCH_FLAGS, type BatchFlags, parseBatchFlags } from './generate/batchArgs.ts';
import { shorten } from './output.ts';

export type PromptSource = { kind: 'inline'; prompt: string } | { kind: 'file'; path: string };

interface CommonOptions {
  model?: string;
  outputFormat: ImageFormat;
  moderation: Moderation;
}

/** Venice's OpenAI-compatible route: what the app's simple form sends. */
interface SimpleOptions extends CommonOptions {
  route: 'openai';
  size: ImageSize;
}

export const QUALITIES = zAdvancedJobRequest.shape.quality.unwrap().options;
type Quality = (typeof QUALITIES)[number];

/** Venice's native route: what the app's advanced panel sends. Absent fields are left to the model's defaults. */
export interface NativeOptions extends CommonOptions {
  route: 'native';
  width?: number;
  height?: number;
  aspectRatio?: string;
  resolution?: string;
  quality?: Quality;
  negativePrompt?: string;
  seed?: number;
  steps?: number;
  cfgScale?: number;
  stylePreset?: string;
  variants: number;
  hideWatermark: boolean;
  loraStrength?: number;
  enableWebSearch?: boolean;
  disablePromptThinking?: boolean;
  /** Library ids or files (absolute paths), read and hashed by the core before anything is queued. */
  styleReferences?: StyleReference[];
}

export type GenerateOptions = SimpleOptions | NativeOptions;

/** The same defaults as the app's generate form. */
export const GENERATE_DEFAULTS = { size: 'auto', outputFormat: 'png', moderation: 'auto', variants: 1 } as const;

/** Flags only Venice's native endpoint understands: any one of them sends the request there. */
const NATIVE_FLAGS = {
  'aspect-ratio': { type: 'string' },
  negative: { type: 'string' },
  seed: { type: 'string' },
  steps: { type: 'string' },
  cfg: { type: 'string' },
  style: { type: 'string' },
  variants: { type: 'string' },
  resolution: { type: 'string' },
  quality: { type: 'string' },
  'hide-watermark': { type: 'boolean' },
  'style-ref': { type: 'string', multiple: true },
  'style-strength': { type: 'string' },
  'lora-strength': { type: 'string' },
  'web-search': { type: 'boolean' },
  'no-prompt-thinking': { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

const GENERATE_FLAGS = {
  ...HELP_FLAG,
  ...JSON_FLAG,
  prompt: { type: 'string' },
  'prompts-file': { type: 'string' },
  model: { type: 'string' },
  size: { type: 'string' },
  format: { type: 'string' },
  moderation: { type: 'string' },
  ...NATIVE_FLAGS,
  ...BATCH_FLAGS,
} as const satisfies ParseArgsOptionsConfig;

type Values = Parsed<typeof GENERATE_FLAGS>['values'];

const NOTHING_SENT = 'Nothing was sent.';
const got = (raw: string): string => `got "${shorten(raw, 40)}"`;

const wholeNumber = (flag: string, raw: string | undefined, min: number, max: number): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw invalid(`--${flag} must be a whole number from ${min} to ${max}; ${got(raw)}. ${NOTHING_SENT}`);
  }
  return n;
};

const cfgScale = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (!/^(\d+\.?\d*|\.\d+)$/.test(raw.trim()) || !(n > 0 && n <= NATIVE_LIMITS.cfgMax)) {
    throw invalid(`--cfg must be a number above 0 and at most ${NATIVE_LIMITS.cfgMax}, e.g. 7.5; ${got(raw)}. ${NOTHING_SENT}`);
  }
  return n;
};

/** A text flag checked against the same schema the core applies, so the core never refuses what parsing let through. */
const text = (flag: string, raw: string | undefined, schema: z.ZodType, limit: string): string | undefined => {
  if (raw === undefined) return undefined;
  if (raw.trim() === '') throw invalid(`--${flag} needs a value. ${NOTHING_SENT}`);
  if (!schema.safeParse(raw).success) throw invalid(`--${flag} must be ${limit}. ${NOTHING_SENT}`);
  return raw;
};

/** --style-ref (repeatable) with one --style-strength for all; a file is named by its absolute path. */
const styleReferences = (values: Values): StyleReference[] | undefined => {
  const refs = values['style-ref'];
  const raw = values['style-strength'];
  if (refs === undefined || refs.length === 0) {
    if (raw !== undefined) throw invalid(`--style-strength needs at least one --style-ref. ${NOTHING_SENT}`);
    return undefined;
  }
  let strength: number | undefined;
  if (raw !== undefined) {
    strength = Number(raw.trim());
    const { minStrength: min, maxStrength: max } = STYLE_REFERENCE_LIMITS;
    if (!/^(\d+\.?\d*|\.\d+)$/.test(raw.trim()) || !(strength >= min && strength <= max)) {
      throw invalid(`--style-strength must be a number from ${min} to ${max}, e.g. 0.6; ${got(raw)}. ${NOTHING_SENT}`);
    }
  }
  return refs.map((arg) => {
    if (arg.trim() === '') throw invalid(`--style-ref needs an image id or a file. ${NOTHING_SENT}`);
    const ref = inputRef(arg);
    const input = ref.kind === 'file' ? { kind: 'file' as const, path: resolve(ref.path) } : ref;
    return { input, ...(strength === undefined ? {} : { strength }) };
  });
};

type SizeChoice = { kind: 'preset'; size: ImageSize } | { kind: 'pixels'; width: number; height: number };

/** One of the OpenAI route's sizes, or any WIDTHxHEIGHT the native route takes (which sends it there). */
const sizeChoice = (raw: string | undefined): SizeChoice => {
  const value = raw ?? GENERATE_DEFAULTS.size;
  if ((IMAGE_SIZES as readonly string[]).includes(value)) return { kind: 'preset', size: value as ImageSize };
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(value);
  const [width, height] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (![width, height].every((n) => n >= 1 && n <= NATIVE_LIMITS.maxPixelEdge)) {
    throw invalid(
      `--size must be auto or WIDTHxHEIGHT with each side from 1 to ${NATIVE_LIMITS.maxPixelEdge} (e.g. 1024x768); ${got(value)}. ${NOTHING_SENT}`,
    );
  }
  return { kind: 'pixels', width, height };
};

const nativeOptions = (values: Values, common: CommonOptions, size: SizeChoice): NativeOptions => {
  const shape = zAdvancedJobRequest.shape;
  const pixels = size.kind === 'pixels' ? size : size.size === 'auto' ? undefined : dimensionsForSize(size.size);
  if (pixels && Math.max(pixels.width, pixels.height) > NATIVE_LIMITS.maxPixelEdge) {
    throw invalid(
      `--size ${pixels.width}x${pixels.height} exists only on Venice's OpenAI-compatible route; with native options each side can be at most ${NATIVE_LIMITS.maxPixelEdge}. ${NOTHING_SENT}`,
    );
  }
  const optional = {
    width: pixels?.width,
    height: pixels?.height,
    aspectRatio: text('aspect-ratio', values['aspect-ratio'], shape.aspectRatio, 'a ratio such as 16:9 (at most 20 characters)'),
    resolution: text('resolution', values.resolution, shape.resolution, 'a resolution tier such as 1K or 2K'),
    quality: values.quality === undefined ? undefined : oneOf('quality', values.quality, QUALITIES, 'medium'),
    negativePrompt: text('negative', values.negative, shape.negativePrompt, `at most ${NATIVE_LIMITS.promptMaxChars} characters of text`),
    seed: wholeNumber('seed', values.seed, -NATIVE_LIMITS.seedMax, NATIVE_LIMITS.seedMax),
    steps: wholeNumber('steps', values.steps, 1, 100),
    cfgScale: cfgScale(values.cfg),
    stylePreset: text('style', values.style, shape.stylePreset, 'a style name (lagoon models --styles lists them)'),
    loraStrength: wholeNumber('lora-strength', values['lora-strength'], 0, NATIVE_LIMITS.loraStrengthMax),
    enableWebSearch: values['web-search'] === true ? true : undefined,
    disablePromptThinking: values['no-prompt-thinking'] === true ? true : undefined,
    styleReferences: styleReferences(values),
  };
  const set = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<NativeOptions>;
  return {
    ...common,
    ...set,
    route: 'native',
    variants: wholeNumber('variants', values.variants, 1, NATIVE_LIMITS.variantsMax) ?? GENERATE_DEFAULTS.variants,
    hideWatermark: values['hide-watermark'] === true,
  };
};

const generateOptions = (values: Values): GenerateOptions => {
  const common: CommonOptions = {
    outputFormat: oneOf('format', values.format, IMAGE_FORMATS, GENERATE_DEFAULTS.outputFormat),
    moderation: oneOf('moderation', values.moderation, MODERATION_LEVELS, GENERATE_DEFAULTS.moderation),
  };
  if (values.model !== undefined) {
    if (!zAdvancedJobRequest.shape.model.safeParse(values.model).success) throw invalid(`--model must be a model id of 1 to 200 characters. ${NOTHING_SENT}`);
    common.model = values.model;
  }
  const size = sizeChoice(values.size);
  const native = size.kind === 'pixels' || (Object.keys(NATIVE_FLAGS) as Array<keyof typeof NATIVE_FLAGS>).some((flag) => values[flag] !== undefined);
  return native ? nativeOptions(values, common, size) : { route: 'openai', ...common, size: size.size };
};

export const parseGenerate = (
  args: string[],
): { help: true } | { help: false; json: boolean; source: PromptSource; options: GenerateOptions; batch: BatchFlags } => {
  const { values, positionals } = parse('generate', args, GENERATE_FLAGS);
  if (values.help) return { help: true };
  if (positionals.length > 0) {
    throw invalid(`lagoon generate takes the prompt as --prompt "…" (or --prompts-file FILE), not as a bare argument. ${NOTHING_SENT}`);
  }
  const prompt = values.prompt;
  const file = values['prompts-file'];
  if ((prompt === undefined) === (file === undefined)) {
    throw invalid(`lagoon generate needs exactly one of --prompt TEXT or --prompts-file FILE. ${NOTHING_SENT}`);
  }
  const source: PromptSource = prompt !== undefined ? { kind: 'inline', prompt } : { kind: 'file', path: file ?? '' };
  if (source.kind === 'file' && source.path === '') throw invalid(`--prompts-file needs a file name. ${NOTHING_SENT}`);
  return { help: false, json: values.json === true, source, options: generateOptions(values), batch: parseBatchFlags(values) };
};

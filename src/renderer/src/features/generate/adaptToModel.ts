import type { ModelInfo } from '../../../../shared/models.ts';
import { NATIVE_LIMITS } from '../../../../shared/veniceFacts.ts';
import { parseInteger } from './buildRequest.ts';
import type { AdvancedValues } from './formValues.ts';

/** The largest edge a model with this divisor can take: 1280 rounded down to a multiple of it. */
export const maxEdge = (divisor: number): number => Math.floor(NATIVE_LIMITS.maxPixelEdge / divisor) * divisor;

/** The nearest size the model accepts: a multiple of its divisor within [divisor, maxEdge]. */
export const snapEdge = (value: number, divisor: number): number => {
  const d = Math.max(1, divisor);
  return Math.min(maxEdge(d), Math.max(d, Math.round(value / d) * d));
};

/** Snaps a typed edge; text that is not a number is left for the field's error to explain. */
export const snapEdgeText = (text: string, divisor: number): string => {
  const n = parseInteger(text, 1, Number.MAX_SAFE_INTEGER);
  return n === null ? text : String(snapEdge(n, divisor));
};

const pick = (value: string, allowed: readonly string[] | undefined, fallback: string | undefined): string => {
  if (!allowed || allowed.length === 0) return '';
  if (allowed.includes(value)) return value;
  return fallback !== undefined && allowed.includes(fallback) ? fallback : (allowed[0] ?? '');
};

/**
 * Keeps what still makes sense on `model` and replaces the rest with the model's defaults, so switching models
 * never leaves a value the new model would refuse (steps above its max, an aspect ratio it does not offer, …).
 */
export const adaptToModel = (values: AdvancedValues, model: ModelInfo): AdvancedValues => {
  const c = model.constraints;
  const steps = parseInteger(values.steps, 1, 100);
  return {
    ...values,
    model: model.id,
    steps: steps !== null && steps <= c.steps.max ? values.steps : '',
    width: model.sizing === 'pixels' ? snapEdgeText(values.width || '1024', c.widthHeightDivisor) : values.width,
    height: model.sizing === 'pixels' ? snapEdgeText(values.height || '1024', c.widthHeightDivisor) : values.height,
    aspectRatio: pick(values.aspectRatio, c.aspectRatios, c.defaultAspectRatio),
    resolution: pick(values.resolution, c.resolutions, c.defaultResolution),
    quality: pick(values.quality, c.qualities, c.defaultQuality),
  };
};

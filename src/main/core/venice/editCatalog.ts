import { z } from 'zod';
import { ITERATE_LIMITS, type EditModelInfo, type IteratePrices } from '../../../shared/iterate.ts';

/**
 * `GET /models?type=inpaint` and `?type=upscale` → Lagoon's shapes. Open schemas, like the image catalogue's: Venice
 * adds keys without notice, and one entry Lagoon cannot read is skipped rather than costing the whole list.
 */
const zRawPrice = z.object({ usd: z.number().nonnegative() });

const zRawEditModel = z.object({
  id: z.string().min(1),
  type: z.string().optional(),
  model_spec: z.object({
    name: z.string().min(1).optional(),
    offline: z.boolean().optional(),
    deprecation: z.object({ date: z.string().nullable().optional(), replacementModelId: z.string().nullable().optional() }).nullable().optional(),
    pricing: z.object({ inpaint: zRawPrice.optional() }).optional(),
    constraints: z
      .object({
        aspectRatios: z.array(z.string()).optional(),
        promptCharacterLimit: z.number().int().positive().optional(),
        combineImages: z.boolean().optional(),
        maxInputImages: z.number().int().positive().optional(),
      })
      .optional(),
  }),
});

const zList = z.object({ data: z.array(z.unknown()) });

const toEditModel = (raw: z.infer<typeof zRawEditModel>): EditModelInfo => {
  const spec = raw.model_spec;
  const c = spec.constraints ?? {};
  return {
    id: raw.id,
    name: spec.name ?? raw.id,
    offline: spec.offline === true,
    deprecation: spec.deprecation ? { date: spec.deprecation.date ?? null, replacement: spec.deprecation.replacementModelId ?? null } : null,
    priceUsd: spec.pricing?.inpaint?.usd ?? null,
    aspectRatios: c.aspectRatios ?? [],
    promptCharacterLimit: c.promptCharacterLimit ?? null,
    // The catalogue entries that say nothing predate the flag; Venice's multi-edit took them all.
    combineImages: c.combineImages ?? true,
    maxInputImages: c.maxInputImages ?? ITERATE_LIMITS.defaultMaxInputImages,
  };
};

export const parseEditModels = (json: unknown): EditModelInfo[] | null => {
  const list = zList.safeParse(json);
  if (!list.success) return null;
  return list.data.data.flatMap((entry) => {
    const parsed = zRawEditModel.safeParse(entry);
    return parsed.success && (parsed.data.type === undefined || parsed.data.type === 'inpaint') ? [toEditModel(parsed.data)] : [];
  });
};

const zRawUpscaler = z.object({
  model_spec: z.object({ pricing: z.object({ upscale: z.record(z.string(), zRawPrice).optional() }).optional() }),
});

/** What `/image/background-remove` bills (bria-bg-remover in the 2026-08 catalogue); Venice lists it under type=image. */
const BACKGROUND_REMOVAL_USD = 0.03;

export const parseIteratePrices = (json: unknown): IteratePrices | null => {
  const list = zList.safeParse(json);
  if (!list.success) return null;
  const upscaler = list.data.data.map((e) => zRawUpscaler.safeParse(e)).find((p) => p.success)?.data;
  const prices = upscaler?.model_spec.pricing?.upscale ?? {};
  return { upscale2x: prices['2x']?.usd ?? null, upscale4x: prices['4x']?.usd ?? null, removeBackground: BACKGROUND_REMOVAL_USD };
};

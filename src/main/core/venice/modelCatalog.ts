import { z } from 'zod';
import { zModelConstraints, zModelInfo, type ModelInfo } from '../../../shared/models.ts';
import { STYLE_REFERENCE_LIMITS } from '../../../shared/veniceFacts.ts';

/**
 * Venice's `GET /models?type=image`, `/models/traits?type=image` and `/image/styles` bodies → Lagoon's shapes.
 * Venice adds keys and models without notice, so the raw schemas are open (unknown keys are dropped) and one
 * entry Lagoon cannot read is skipped rather than costing the user the whole list.
 */

const zRawPrice = z.object({ usd: z.number().nonnegative(), diem: z.number().nonnegative().nullable().optional() });

const zRawModel = z.object({
  id: z.string().min(1),
  /** Required by the spec; tolerated when missing, but an entry of another type is not an image model. */
  type: z.string().optional(),
  model_spec: z.object({
    name: z.string().min(1).optional(),
    description: z.string().nullable().optional(),
    offline: z.boolean().optional(),
    traits: z.array(z.string()).optional(),
    deprecation: z
      .object({ date: z.string().nullable().optional(), replacementModelId: z.string().nullable().optional() })
      .nullable()
      .optional(),
    pricing: z
      .object({
        generation: zRawPrice.optional(),
        resolutions: z.record(z.string(), zRawPrice).optional(),
        quality: z.record(z.string(), z.record(z.string(), zRawPrice)).optional(),
      })
      .optional(),
    // Lagoon's own constraint shape, but stripping rather than refusing keys Venice adds later.
    constraints: z.object({
      ...zModelConstraints.shape,
      maxStyleReferences: z.number().int().positive().optional(),
      supportsStyleReferenceStrength: z.boolean().optional(),
    }),
    supportsWebSearch: z.boolean().optional(),
    supportsOptimizePromptThinking: z.boolean().optional(),
    supportsStyleReferences: z.boolean().optional(),
  }),
});
type RawModel = z.infer<typeof zRawModel>;
type RawPrice = z.infer<typeof zRawPrice>;

/**
 * Which models use `negative_prompt` and `steps`. The catalogue does not say; the API notes (§2.1) list them,
 * and Venice silently drops the fields for every other model.
 */
const supportsNegativePrompt = (id: string): boolean =>
  id === 'venice-sd35' || id === 'wai-Illustrious' || id.startsWith('lustify-') || /^qwen-image-[23](?:-|$)/.test(id) || id.startsWith('wan-2-7-');

const usesSteps = (id: string): boolean => id === 'venice-sd35' || id === 'wai-Illustrious' || id.startsWith('lustify-');

/**
 * `lora_strength` is for "LoRA-using models" (API notes §2.1), and the catalogue has no flag for them: Lagoon offers
 * it for Venice's own step-based diffusion models, the ones that run LoRAs (its style presets among them).
 */
const usesLora = usesSteps;

/** The optional capabilities, present only when the model has them, so older cached entries read the same. */
const capabilities = (raw: RawModel): Partial<ModelInfo> => {
  const spec = raw.model_spec;
  return {
    ...(usesLora(raw.id) ? { usesLora: true } : {}),
    ...(spec.supportsWebSearch === true ? { supportsWebSearch: true } : {}),
    ...(spec.supportsOptimizePromptThinking === true ? { supportsPromptThinking: true } : {}),
    ...(spec.supportsStyleReferences === true
      ? { styleReferences: { max: spec.constraints.maxStyleReferences ?? STYLE_REFERENCE_LIMITS.defaultMax, strength: spec.constraints.supportsStyleReferenceStrength === true } }
      : {}),
  };
};

const price = (p: RawPrice): { usd: number; diem: number | null } => ({ usd: p.usd, diem: p.diem ?? null });

const mapValues = <A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));

const nonEmpty = (list: string[] | undefined): string[] | undefined => (list && list.length > 0 ? list : undefined);

const toModelInfo = (raw: RawModel): ModelInfo => {
  const spec = raw.model_spec;
  const c = spec.constraints;
  const aspectRatios = nonEmpty(c.aspectRatios);
  const resolutions = nonEmpty(c.resolutions);
  const qualities = nonEmpty(c.qualities);
  const pricing = spec.pricing ?? {};
  return {
    id: raw.id,
    name: spec.name ?? raw.id,
    description: spec.description ?? null,
    traits: spec.traits ?? [],
    offline: spec.offline === true,
    deprecation: spec.deprecation ? { date: spec.deprecation.date ?? null, replacement: spec.deprecation.replacementModelId ?? null } : null,
    constraints: {
      promptCharacterLimit: c.promptCharacterLimit,
      steps: { default: c.steps.default, max: c.steps.max },
      widthHeightDivisor: c.widthHeightDivisor,
      ...(aspectRatios ? { aspectRatios } : {}),
      ...(aspectRatios && c.defaultAspectRatio ? { defaultAspectRatio: c.defaultAspectRatio } : {}),
      ...(resolutions ? { resolutions } : {}),
      ...(resolutions && c.defaultResolution ? { defaultResolution: c.defaultResolution } : {}),
      ...(qualities ? { qualities } : {}),
      ...(qualities && c.defaultQuality ? { defaultQuality: c.defaultQuality } : {}),
    },
    pricing: {
      generation: pricing.generation ? price(pricing.generation) : null,
      resolutions: pricing.resolutions ? mapValues(pricing.resolutions, price) : null,
      quality: pricing.quality ? mapValues(pricing.quality, (byLevel) => mapValues(byLevel, price)) : null,
    },
    sizing: aspectRatios ? 'aspect_ratio' : 'pixels',
    supportsNegativePrompt: supportsNegativePrompt(raw.id),
    usesSteps: usesSteps(raw.id),
    ...capabilities(raw),
  };
};

/** One raw entry → ModelInfo, or null when Lagoon cannot use it (wrong type, missing constraints, bad numbers). */
export const parseModelEntry = (entry: unknown): ModelInfo | null => {
  const raw = zRawModel.safeParse(entry);
  if (!raw.success || (raw.data.type !== undefined && raw.data.type !== 'image')) return null;
  const info = zModelInfo.safeParse(toModelInfo(raw.data));
  return info.success ? info.data : null;
};

const zList = z.object({ data: z.array(z.unknown()) });

/** The whole body → the models Lagoon can use, in Venice's order; null when the body is not a list at all. */
export const parseModelList = (json: unknown): ModelInfo[] | null => {
  const list = zList.safeParse(json);
  if (!list.success) return null;
  return list.data.data.map(parseModelEntry).filter((m): m is ModelInfo => m !== null);
};

/** `{object:"list", data:[names]}`; one guide shows a bare array, which is read too. */
export const parseStyles = (json: unknown): string[] | null => {
  const data: unknown = Array.isArray(json) ? json : zList.safeParse(json).data?.data;
  if (!Array.isArray(data)) return null;
  return data.filter((s): s is string => typeof s === 'string' && s.length > 0);
};

/** `{data: {trait: modelId}}`; non-string values are dropped. */
export const parseTraits = (json: unknown): Record<string, string> | null => {
  const parsed = z.object({ data: z.record(z.string(), z.unknown()) }).safeParse(json);
  if (!parsed.success) return null;
  return Object.fromEntries(Object.entries(parsed.data.data).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

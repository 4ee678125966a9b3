import type { ModelInfo } from '../../../../shared/models.ts';

/** Every per-image price a model lists (flat, per resolution, per resolution and quality), for "from $x" labels. */
export const priceRange = (model: ModelInfo): { min: number; max: number } | null => {
  const { generation, resolutions, quality } = model.pricing;
  const prices = [
    ...(generation ? [generation.usd] : []),
    ...Object.values(resolutions ?? {}).map((p) => p.usd),
    ...Object.values(quality ?? {}).flatMap((tier) => Object.values(tier).map((p) => p.usd)),
  ];
  return prices.length === 0 ? null : { min: Math.min(...prices), max: Math.max(...prices) };
};

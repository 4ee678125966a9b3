import type { JobRequest } from './ipc/schemas/jobs.ts';
import type { ModelInfo } from './models.ts';
import { WEB_SEARCH_USD } from './veniceFacts.ts';

/**
 * Catalogue price of one image of `request` on `model`, in USD, or null when the catalogue does not say. Pure, so
 * the form shows before Generate exactly the price main records on the image afterwards.
 *
 * Venice prices a model one of three ways: a flat `generation` price; one per resolution tier; or, for models with
 * qualities, a matrix keyed by resolution and then quality (`{"1K": {"low": …}}`). Absent fields fall back to the
 * model's defaults, as Venice does. The OpenAI-compatible route takes no resolution or quality, so it is priced at
 * the defaults too.
 */
export const priceFor = (model: ModelInfo | undefined, request: JobRequest): number | null => {
  const base = basePrice(model, request);
  // Web search is billed on top of the image; shown in the estimate and recorded in the ledger alike.
  return base !== null && request.endpoint === 'native' && request.enableWebSearch === true ? base + WEB_SEARCH_USD : base;
};

/** The catalogue's price of one image, without extras. */
const basePrice = (model: ModelInfo | undefined, request: JobRequest): number | null => {
  if (!model) return null;
  const { pricing, constraints } = model;
  const native = request.endpoint === 'native' ? request : undefined;
  const resolution = native?.resolution ?? constraints.defaultResolution;
  const quality = native?.quality ?? constraints.defaultQuality;
  if (pricing.quality && quality !== undefined) {
    const byResolution = resolution === undefined ? undefined : pricing.quality[resolution];
    // A quality model without resolution tiers lists its single tier under whatever key Venice chose.
    const tier = byResolution ?? (Object.keys(pricing.quality).length === 1 ? Object.values(pricing.quality)[0] : undefined);
    const price = tier?.[quality];
    if (price) return price.usd;
  }
  if (pricing.resolutions && resolution !== undefined) {
    const price = pricing.resolutions[resolution];
    if (price) return price.usd;
  }
  return pricing.generation?.usd ?? null;
};

/** How many images a request asks for: the native route's variants, one otherwise. */
export const imagesRequested = (request: JobRequest): number => (request.endpoint === 'native' ? request.variants : 1);

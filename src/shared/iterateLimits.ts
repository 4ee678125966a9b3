/**
 * Venice's bounds for the edit family (API notes §6 and Addendum). Kept apart from iterate.ts, which builds zod
 * schemas: the renderer's forms read these too, and the renderer must never load zod (its CSP forbids zod's eval probe).
 */
export const ITERATE_LIMITS = {
  minPixels: 65_536,
  maxPixels: 33_177_600,
  /** Venice's "< 25 MB", read as 25 MiB (25 * 1024 * 1024), the way its JavaScript server spells the limit. */
  maxBytes: 25 * 1024 * 1024,
  /** An upscale's result never exceeds this; Venice lowers the factor for large inputs. */
  maxUpscalePixels: 16_777_216,
  promptMaxChars: 32_768,
  /** `images[]` on multi-edit when the model's constraints do not say. */
  defaultMaxInputImages: 3,
  creativityMax: 0.02,
  defaultCreativity: 0.01,
} as const;

export const EDIT_RESOLUTIONS = ['1K', '2K', '4K'] as const;

/**
 * The largest size of the same shape within Venice's pixel bound: what a "smaller copy" of a too-large input is made
 * at (the renderer shows it on the offer, main makes it). An image already within the bound keeps its size.
 */
export const fitWithinPixels = (width: number, height: number, maxPixels: number = ITERATE_LIMITS.maxPixels): { width: number; height: number } => {
  if (width * height <= maxPixels) return { width, height };
  const scale = Math.sqrt(maxPixels / (width * height));
  let w = Math.max(1, Math.floor(width * scale));
  let h = Math.max(1, Math.floor(height * scale));
  // Rounding may leave the product a pixel row over the bound; step the longer side down until it fits.
  while (w * h > maxPixels) {
    if (w >= h) w -= 1;
    else h -= 1;
  }
  return { width: w, height: h };
};

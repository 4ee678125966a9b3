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

/**
 * Facts about Venice's image API, shared by main and the renderer. Free of zod on purpose: the renderer imports
 * these, and zod probes `new Function` at load, which the app's CSP (rightly) forbids.
 */
export const IMAGE_SIZES = ['auto', '256x256', '512x512', '1024x1024', '1536x1024', '1024x1536', '1792x1024', '1024x1792'] as const;
export const IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;
export const MODERATION_LEVELS = ['auto', 'low'] as const;
export const RESPONSE_FORMATS = ['b64_json', 'url'] as const;
/** The OpenAI-compatible route's limit (the seed document). */
export const PROMPT_MAX_CHARS = 1500;

export type ImageSize = (typeof IMAGE_SIZES)[number];
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
export type Moderation = (typeof MODERATION_LEVELS)[number];

/** Counts what Venice counts: Unicode code points, not UTF-16 units (an emoji is one character). */
export const promptLength = (s: string): number => [...s].length;

/** Pixel size Venice renders for a `size` value; `auto` is documented as 1024x1024. */
export const dimensionsForSize = (size: ImageSize | undefined): { width: number; height: number } => {
  const s = !size || size === 'auto' ? '1024x1024' : size;
  const [w, h] = s.split('x').map(Number);
  return { width: w ?? 1024, height: h ?? 1024 };
};

/** Bounds of the native `POST /image/generate` that hold for every model (API.md §2.1); per-model limits come from the catalogue. */
export const NATIVE_LIMITS = {
  promptMaxChars: 7500,
  maxPixelEdge: 1280,
  cfgMax: 20,
  seedMax: 999_999_999,
  variantsMax: 4,
  loraStrengthMax: 100,
} as const;

/**
 * Reference images on the native route (`style_references`, API.md §2.1): strength 0.1–1 (Venice's default 0.5),
 * each image under 8 MB, at most the model's `maxStyleReferences` (1 when the catalogue does not say).
 */
export const STYLE_REFERENCE_LIMITS = {
  minStrength: 0.1,
  maxStrength: 1,
  defaultStrength: 0.5,
  /** "< 8 MB", read as 8 MiB like the edit family's 25 MB; checked on the bytes before they are encoded. */
  maxBytes: 8 * 1024 * 1024,
  defaultMax: 1,
} as const;

/**
 * What `enable_web_search` adds per image, in USD. Venice's model catalogue does not price it; this is the fee its
 * pricing page lists for a web search call ($10 per 1,000). Counted per image so a batch is never under-estimated.
 */
export const WEB_SEARCH_USD = 0.01;

/** How an image came into the library: one of Venice's two routes, an import, or one of the edit family (lineage records its parents). */
export const IMAGE_ENDPOINTS = ['openai', 'native', 'import', 'edit', 'combine', 'upscale', 'remove-background'] as const;
export type ImageEndpoint = (typeof IMAGE_ENDPOINTS)[number];

export const DEFAULT_API_BASE_URL = 'https://api.venice.ai/api/v1';

import { z } from 'zod';

/**
 * What Lagoon accepts from Venice. Extra keys are tolerated (zod's default strips them) because Venice adds
 * fields without notice; anything Lagoon relies on is checked.
 */

const zImageItem = z.union([z.object({ b64_json: z.string() }), z.object({ url: z.string() })]);

/** `POST /images/generations` 200 body: Venice only ever returns one image here. */
export const zOpenAiImageResponse = z.object({
  created: z.number(),
  data: z.array(zImageItem).length(1),
});

/**
 * `POST /image/generate` 200 body (JSON mode). Only `images` is relied on; `id`, `timing` and the `request` echo
 * are kept for the record when they look right and dropped when not — losing a paid image over a malformed
 * timing object would be worse than not knowing the timing.
 */
export const zNativeImageResponse = z.object({
  id: z.unknown().optional(),
  images: z.array(z.string()),
  timing: z.unknown().optional(),
  request: z.unknown().optional(),
});

/**
 * Venice's error bodies: `{error: string}`, plus `details` (a Zod format tree, sometimes a string) and `issues`
 * on 400s. A few routes use OpenAI's `{error: {message}}`; both are read.
 */
export const zVeniceErrorBody = z.object({
  error: z.union([z.string(), z.object({ message: z.string() })]),
  details: z.unknown().optional(),
  issues: z.unknown().optional(),
});

/** `response_format: "url"` returns a data URL, never a hosted one (Lagoon would not fetch it anyway). */
export const DATA_URL_PATTERN = /^data:image\/(png|jpeg|webp);base64,(.*)$/s;

import { isAppError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { invalidResponse } from './httpErrors.ts';
import { assertImageFormat, decodeBase64Strict } from './imageBytes.ts';
import { DATA_URL_PATTERN, zNativeImageResponse, zOpenAiImageResponse } from './responseSchemas.ts';

/**
 * What a 200 from a generation route must contain before Lagoon trusts it: exactly the images asked for, each
 * strict base64 of a file whose magic number is the requested format. By the time a 200 arrives Venice has done
 * the work, so every failure here says the request may have been charged.
 */

const issuesOf = (error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): unknown =>
  error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));

/** Decodes and checks one image; the byte checks know nothing about billing, so their errors are re-stated. */
const checkedImage = (decode: () => Buffer, expected: ImageFormat, extra: Record<string, unknown> = {}): Buffer => {
  try {
    const bytes = decode();
    assertImageFormat(bytes, expected);
    return bytes;
  } catch (error) {
    const details = (isAppError(error) ? error.details : undefined) as Record<string, unknown> | undefined;
    if (isAppError(error) && error.code === 'INVALID_RESPONSE' && details?.mayHaveBeenCharged === undefined) {
      throw invalidResponse(error.message, { ...details, ...extra });
    }
    throw error;
  }
};

const openAiItemBytes = (item: { b64_json: string } | { url: string }, expected: ImageFormat): Buffer => {
  if ('b64_json' in item) return decodeBase64Strict(item.b64_json);
  const match = DATA_URL_PATTERN.exec(item.url);
  if (!match) throw invalidResponse('Venice sent an image link instead of the image itself.');
  if (match[1] !== expected) {
    throw invalidResponse(`Venice sent a ${match[1]?.toUpperCase()} image although ${expected.toUpperCase()} was requested.`);
  }
  return decodeBase64Strict(match[2] ?? '');
};

/** `POST /images/generations`: `{created, data: [one image]}`. */
export const readOpenAiImage = (json: unknown, expected: ImageFormat): { bytes: Buffer; created: number } => {
  const parsed = zOpenAiImageResponse.safeParse(json);
  if (!parsed.success) throw invalidResponse('Venice sent an answer without exactly one image.', { issues: issuesOf(parsed.error) });
  const [item] = parsed.data.data;
  if (!item) throw invalidResponse('Venice sent an answer without an image.');
  return { bytes: checkedImage(() => openAiItemBytes(item, expected), expected), created: parsed.data.created };
};

export interface NativeImages {
  images: Buffer[];
  id: string | null;
  timing: Record<string, number> | null;
  echoedRequest: unknown;
}

const numbersOnly = (value: unknown): Record<string, number> | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]));
  return entries.length > 0 ? Object.fromEntries(entries) : null;
};

/** `POST /image/generate`: `{id, images: [base64 × variants], timing, request}`. */
export const readNativeImages = (json: unknown, expected: ImageFormat, expectedCount: number): NativeImages => {
  const parsed = zNativeImageResponse.safeParse(json);
  if (!parsed.success) throw invalidResponse('Venice sent an answer without a list of images.', { issues: issuesOf(parsed.error) });
  const { id, images, timing, request } = parsed.data;
  if (images.length !== expectedCount) {
    throw invalidResponse(`Venice sent ${images.length} image(s) although ${expectedCount} were requested.`, {
      expectedCount,
      actualCount: images.length,
    });
  }
  return {
    images: images.map((b64, index) => checkedImage(() => decodeBase64Strict(b64), expected, { index })),
    id: typeof id === 'string' ? id : null,
    timing: numbersOnly(timing),
    echoedRequest: request ?? null,
  };
};

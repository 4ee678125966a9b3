import { AppError, isAppError } from '../../../shared/errors.ts';
import { zOpenAiImageRequest, type ImageFormat, type OpenAiImageRequest } from '../../../shared/venice.ts';
import { appErrorFromResponse, appErrorFromTransportFailure, invalidResponse, type TransportContext } from './httpErrors.ts';
import { assertImageFormat, decodeBase64Strict } from './imageBytes.ts';
import { DATA_URL_PATTERN, zOpenAiImageResponse } from './responseSchemas.ts';

/**
 * Lagoon's only door to Venice's image API. It checks the request before anything leaves the machine, sends
 * the key only to the configured origin (no redirects), bounds time and memory, and trusts nothing in the
 * answer until it is a single image of the format that was asked for. Every failure is an AppError whose
 * code says what the user can do; none of them ever contains the key.
 */

export interface VeniceClientOptions {
  /** e.g. https://api.venice.ai/api/v1 (checked by config.ts: https, or http on loopback only). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Overall deadline for one call, headers and body included; default 120 s. */
  timeoutMs?: number;
  /** Bodies larger than this are abandoned; default 64 MiB. */
  maxResponseBytes?: number;
}

export interface GeneratedImage {
  bytes: Buffer;
  format: ImageFormat;
  /** The exact body sent (the key travels only in the Authorization header). */
  request: OpenAiImageRequest;
  /** `headers` keeps only x-venice-*, x-ratelimit-* and cf-ray. */
  response: { created: number; durationMs: number; headers: Record<string, string> };
  /** Venice still answers 200 when it blurred the image or blacked it out for a policy violation. */
  flags: { blurred: boolean; contentViolation: boolean };
}

export interface VeniceClient {
  generateOpenAi(request: OpenAiImageRequest, apiKey: string, opts?: { signal?: AbortSignal }): Promise<GeneratedImage>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Printable ASCII without spaces: anything else cannot be a Venice key, and fetch would echo it in its error. */
const KEY_SHAPE = /^[\x21-\x7e]{1,1024}$/;

const keptHeaders = (headers: Headers): Record<string, string> => {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.startsWith('x-venice-') || name.startsWith('x-ratelimit-') || name === 'cf-ray') kept[name] = value;
  });
  return kept;
};

const readCapped = async (response: Response, maxBytes: number): Promise<Buffer> => {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw invalidResponse(`Venice's answer was larger than ${maxBytes} bytes.`);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw invalidResponse(`Venice's answer was larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
};

const imageBytesFrom = (item: { b64_json: string } | { url: string }, expected: ImageFormat): Buffer => {
  if ('b64_json' in item) return decodeBase64Strict(item.b64_json);
  const match = DATA_URL_PATTERN.exec(item.url);
  if (!match) throw invalidResponse('Venice sent an image link instead of the image itself.');
  if (match[1] !== expected) {
    throw invalidResponse(`Venice sent a ${match[1]?.toUpperCase()} image although ${expected.toUpperCase()} was requested.`);
  }
  return decodeBase64Strict(match[2] ?? '');
};

const parseSuccess = (response: Response, body: Buffer, expected: ImageFormat): { bytes: Buffer; created: number } => {
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const snippet = (): string => body.subarray(0, 200).toString('utf8');
  if (contentType !== 'application/json') {
    throw invalidResponse(`Venice answered with ${contentType || 'no content type'} instead of JSON.`, { bodySnippet: snippet() });
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidResponse('Venice sent an answer that is not valid JSON.', { bodySnippet: snippet() });
  }
  const parsed = zOpenAiImageResponse.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
    throw invalidResponse('Venice sent an answer without exactly one image.', { issues });
  }
  const [item] = parsed.data.data;
  if (!item) throw invalidResponse('Venice sent an answer without an image.');
  try {
    const bytes = imageBytesFrom(item, expected);
    assertImageFormat(bytes, expected);
    return { bytes, created: parsed.data.created };
  } catch (error) {
    // The byte checks know nothing about billing; by now Venice has done the work and may have charged.
    const details = (isAppError(error) ? error.details : undefined) as Record<string, unknown> | undefined;
    if (isAppError(error) && error.code === 'INVALID_RESPONSE' && details?.mayHaveBeenCharged === undefined) {
      throw invalidResponse(error.message, details);
    }
    throw error;
  }
};

/** Belt and braces: whatever went wrong, the key must not leave inside an error. */
const withoutKey = (error: unknown, apiKey: string): AppError => {
  const scrub = (text: string): string => (apiKey ? text.split(apiKey).join('[redacted]') : text);
  if (isAppError(error)) {
    const detailsJson = error.details === undefined ? undefined : JSON.stringify(error.details);
    const leaks = !!apiKey && (error.message.includes(apiKey) || !!detailsJson?.includes(apiKey));
    if (!leaks) return error;
    return new AppError(error.code, scrub(error.message), detailsJson === undefined ? undefined : JSON.parse(scrub(detailsJson)));
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', scrub(`Unexpected failure while calling Venice: ${message}`));
};

export function createVeniceClient(opts: VeniceClientOptions): VeniceClient {
  const fetchImpl = opts.fetch ?? fetch;
  const endpoint = `${opts.baseUrl.replace(/\/+$/, '')}/images/generations`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  const send = async (request: OpenAiImageRequest, apiKey: string, callerSignal: AbortSignal | undefined): Promise<GeneratedImage> => {
    const checked = zOpenAiImageRequest.safeParse(request);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
      const first = issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
      throw new AppError('INVALID_INPUT', `The image request is not valid — ${where}${first?.message ?? 'unknown problem'}. Nothing was sent.`, {
        issues,
      });
    }
    if (!apiKey) throw new AppError('KEY_MISSING', 'Add your Venice API key in Settings first. Nothing was sent.');
    if (!KEY_SHAPE.test(apiKey)) {
      throw new AppError('KEY_INVALID_FORMAT', 'The stored API key does not look like a Venice key — enter it again in Settings. Nothing was sent.');
    }
    if (callerSignal?.aborted) throw new AppError('CANCELLED', 'The generation was cancelled before it was sent.', { mayHaveBeenCharged: false });

    const body: OpenAiImageRequest = { ...checked.data, n: 1, response_format: checked.data.response_format ?? 'b64_json' };
    const expected: ImageFormat = body.output_format ?? 'png';
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([deadline, callerSignal]) : deadline;
    const transport = (): TransportContext => ({ cancelled: !!callerSignal?.aborted, timedOut: deadline.aborted, timeoutMs });
    const started = performance.now();

    let response: Response;
    let raw: Buffer;
    try {
      response = await fetchImpl(endpoint, {
        method: 'POST',
        // A fresh connection per generation: on a reused keep-alive socket that the server has just closed, a
        // failure is ambiguous (was the POST read?), so OFFLINE could not be told from "may have been charged".
        // One handshake is nothing next to seconds of generation.
        headers: {
          Authorization: `Bearer ${apiKey}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Connection: 'close',
        },
        body: JSON.stringify(body),
        // Following a redirect could hand the key to another origin; Venice never redirects this route.
        redirect: 'error',
        signal,
      });
      raw = await readCapped(response, maxResponseBytes);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw appErrorFromTransportFailure(error, transport());
    }
    const durationMs = Math.round(performance.now() - started);
    if (!response.ok) throw appErrorFromResponse(response.status, response.headers, raw.toString('utf8'));

    const { bytes, created } = parseSuccess(response, raw, expected);
    const headers = keptHeaders(response.headers);
    return {
      bytes,
      format: expected,
      request: body,
      response: { created, durationMs, headers },
      flags: {
        blurred: headers['x-venice-is-blurred'] === 'true',
        contentViolation: headers['x-venice-is-content-violation'] === 'true',
      },
    };
  };

  return {
    generateOpenAi: async (request, apiKey, callOpts) => {
      try {
        return await send(request, apiKey, callOpts?.signal);
      } catch (error) {
        throw withoutKey(error, apiKey);
      }
    },
  };
}

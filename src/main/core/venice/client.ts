import type { z } from 'zod';
import { AppError, isAppError, type ErrorCode } from '../../../shared/errors.ts';
import type { ModelInfo } from '../../../shared/models.ts';
import {
  zNativeImageRequest,
  zOpenAiImageRequest,
  type ImageFormat,
  type NativeImageRequest,
  type OpenAiImageRequest,
} from '../../../shared/venice.ts';
import type { GenerationFlags, NativeGeneration, OpenAiGeneration } from '../generation/venicePorts.ts';
import { type AccountInfo, parseAccountInfo } from './accountInfo.ts';
import { invalidResponse } from './httpErrors.ts';
import { parseModelList, parseStyles, parseTraits } from './modelCatalog.ts';
import { resolveRetryPolicy, withAttempts, withRetry, type RetryOptions } from './retry.ts';
import { checkedRequest, enhancedPromptOf } from './requestCheck.ts';
import { readNativeImages, readOpenAiImage } from './successBodies.ts';
import { assertSendableKey, createTransport, jsonOf, keptHeaders, withoutKey, type Exchange, type TransportOptions } from './transport.ts';

/**
 * Lagoon's only door to Venice's image API. It checks a request before anything leaves the machine, retries
 * only what provably cost nothing (retry.ts), and trusts nothing in an answer until it holds exactly the images
 * asked for, in the format asked for. Every failure is an AppError whose code says what the user can do; none
 * of them ever contains the key.
 */

export type VeniceClientOptions = TransportOptions;

interface GenerateOptions {
  signal?: AbortSignal;
  /** Retry policy overrides; `false` sends exactly once. Default: retry 429/503/never-sent up to 3 times. */
  retry?: RetryOptions | false;
}

interface LookupOptions {
  signal?: AbortSignal;
  /** The catalogue routes work without a key; a given key is checked by Venice (a wrong one → AUTH_REJECTED). */
  apiKey?: string | null;
}

/** The port's answers (generation/venicePorts.ts), with what the real client always fills in. */
interface GeneratedImage extends OpenAiGeneration {
  attempts: number;
}

interface GeneratedImages extends NativeGeneration {
  response: NativeGeneration['response'] & { timing: Record<string, number> | null; enhancedPrompt: string | null };
  attempts: number;
}

export interface VeniceClient {
  generateOpenAi(request: OpenAiImageRequest, apiKey: string, opts?: GenerateOptions): Promise<GeneratedImage>;
  generateNative(request: NativeImageRequest, apiKey: string, opts?: GenerateOptions): Promise<GeneratedImages>;
  listModels(opts?: LookupOptions): Promise<ModelInfo[]>;
  listStyles(opts?: LookupOptions): Promise<string[]>;
  getTraits(opts?: LookupOptions): Promise<Record<string, string>>;
  /** `GET /api_keys/rate_limits`: free; proves the key works (a wrong one → AUTH_REJECTED) and reads the account. */
  accountInfo(opts: LookupOptions & { apiKey: string }): Promise<AccountInfo>;
}

/** The catalogue should answer quickly; a generation may legitimately take a minute or two. */
const LOOKUP_TIMEOUT_MS = 30_000;

const flagsOf = (headers: Record<string, string>): GenerationFlags => ({
  blurred: headers['x-venice-is-blurred'] === 'true',
  contentViolation: headers['x-venice-is-content-violation'] === 'true',
});

const cancelledBeforeSend = (): AppError =>
  new AppError('CANCELLED', 'The generation was cancelled before it was sent.', { mayHaveBeenCharged: false });

/** A GET costs nothing, so the generation wording ("may have been charged") would mislead. */
const lookupFailure = (error: unknown, what: string): unknown => {
  if (!isAppError(error)) return error;
  const kept: ErrorCode[] = ['AUTH_REJECTED', 'RATE_LIMITED', 'KEY_INVALID_FORMAT'];
  const messages: Partial<Record<ErrorCode, string>> = {
    OFFLINE: 'Lagoon could not reach Venice — check your internet connection.',
    TIMEOUT: `Venice did not send ${what} in time — try again later.`,
    CANCELLED: `Loading ${what} was cancelled.`,
  };
  const message = kept.includes(error.code) ? error.message : (messages[error.code] ?? `Venice could not send ${what} right now — try again later.`);
  const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
  return new AppError(error.code, message, { ...details, mayHaveBeenCharged: false });
};

/** Checks that hold before anything is sent: they fail with `attempts: 0`. */
const preflight = <T>(schema: z.ZodType<T>, request: unknown, apiKey: string, signal: AbortSignal | undefined): T => {
  try {
    const body = checkedRequest(schema, request);
    assertSendableKey(apiKey);
    if (signal?.aborted) throw cancelledBeforeSend();
    return body;
  } catch (error) {
    throw withAttempts(error, 0);
  }
};

type Transport = ReturnType<typeof createTransport>;

const scrubbed =
  (apiKey: string) =>
  (error: unknown): never => {
    throw withoutKey(error, apiKey);
  };

/** Sends one validated body with retries; `read` turns the 200's JSON into the route's result. */
const sendGeneration = async <T>(
  transport: Transport,
  path: string,
  body: unknown,
  apiKey: string,
  callOpts: GenerateOptions | undefined,
  read: (json: unknown) => T,
): Promise<{ result: T; exchange: Exchange; attempts: number }> => {
  const signal = callOpts?.signal;
  const policy = resolveRetryPolicy(callOpts?.retry);
  const { value, attempts } = await withRetry(
    async () => {
      if (signal?.aborted) throw cancelledBeforeSend();
      const exchange = await transport.exchange(path, { apiKey, json: body, now: policy.now, ...(signal ? { signal } : {}) });
      return { exchange, result: read(jsonOf(exchange)) };
    },
    policy,
    signal,
  );
  return { ...value, attempts };
};

/** A free GET of the catalogue or the account, with a short timeout and wording that never says "charged". */
const lookupWith =
  (transport: Transport, timeoutMs: number | undefined) =>
  async <T>(path: string, what: string, lookupOpts: LookupOptions | undefined, parse: (json: unknown) => T | null): Promise<T> => {
    const apiKey = lookupOpts?.apiKey || null;
    try {
      if (apiKey !== null) assertSendableKey(apiKey);
      const exchange = await transport.exchange(path, {
        apiKey,
        timeoutMs: Math.min(timeoutMs ?? LOOKUP_TIMEOUT_MS, LOOKUP_TIMEOUT_MS),
        ...(lookupOpts?.signal ? { signal: lookupOpts.signal } : {}),
      });
      const parsed = parse(jsonOf(exchange));
      if (parsed === null) throw invalidResponse(`Venice sent ${what} in a shape Lagoon cannot read.`);
      return parsed;
    } catch (error) {
      throw withoutKey(lookupFailure(error, what), apiKey);
    }
  };

const generateOpenAi = async (transport: Transport, request: OpenAiImageRequest, apiKey: string, callOpts?: GenerateOptions): Promise<GeneratedImage> => {
  const valid = preflight(zOpenAiImageRequest, request, apiKey, callOpts?.signal);
  const body: OpenAiImageRequest = { ...valid, n: 1, response_format: valid.response_format ?? 'b64_json' };
  const format: ImageFormat = body.output_format ?? 'png';
  const { result, exchange, attempts } = await sendGeneration(transport, '/images/generations', body, apiKey, callOpts, (json) => readOpenAiImage(json, format));
  const headers = keptHeaders(exchange.headers);
  return {
    bytes: result.bytes,
    format,
    request: body,
    response: { created: result.created, durationMs: exchange.durationMs, headers },
    flags: flagsOf(headers),
    attempts,
  };
};

const generateNative = async (transport: Transport, request: NativeImageRequest, apiKey: string, callOpts?: GenerateOptions): Promise<GeneratedImages> => {
  const valid = preflight(zNativeImageRequest, request, apiKey, callOpts?.signal);
  // Venice's default format has changed before (png → webp); naming it keeps the magic check honest.
  const body: NativeImageRequest = { ...valid, format: valid.format ?? 'webp' };
  const format: ImageFormat = body.format ?? 'webp';
  const count = body.variants ?? 1;
  const { result, exchange, attempts } = await sendGeneration(transport, '/image/generate', body, apiKey, callOpts, (json) => readNativeImages(json, format, count));
  const headers = keptHeaders(exchange.headers);
  return {
    images: result.images,
    format,
    request: body,
    response: {
      id: result.id,
      durationMs: exchange.durationMs,
      timing: result.timing,
      echoedRequest: result.echoedRequest,
      enhancedPrompt: enhancedPromptOf(exchange.headers),
      headers,
    },
    flags: flagsOf(headers),
    attempts,
  };
};

export function createVeniceClient(opts: VeniceClientOptions): VeniceClient {
  const transport = createTransport(opts);
  const lookup = lookupWith(transport, opts.timeoutMs);
  return {
    // Whatever fails, the key is scrubbed from the error before it leaves the client.
    generateOpenAi: (request, apiKey, callOpts) => generateOpenAi(transport, request, apiKey, callOpts).catch(scrubbed(apiKey)),
    generateNative: (request, apiKey, callOpts) => generateNative(transport, request, apiKey, callOpts).catch(scrubbed(apiKey)),
    listModels: (lookupOpts) => lookup('/models?type=image', 'the model list', lookupOpts, parseModelList),
    listStyles: (lookupOpts) => lookup('/image/styles', 'the style list', lookupOpts, parseStyles),
    getTraits: (lookupOpts) => lookup('/models/traits?type=image', 'the model traits', lookupOpts, parseTraits),
    accountInfo: (lookupOpts) => lookup('/api_keys/rate_limits', 'the account details', lookupOpts, parseAccountInfo),
  };
}

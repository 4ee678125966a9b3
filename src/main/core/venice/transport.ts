import { AppError, isAppError } from '../../../shared/errors.ts';
import { appErrorFromResponse, appErrorFromTransportFailure, invalidResponse, type TransportContext } from './httpErrors.ts';

/**
 * One HTTP exchange with Venice: the key goes only to the configured origin (no redirects), time and memory are
 * bounded, and a non-2xx answer or a broken connection becomes the AppError that says what happened.
 */

export interface TransportOptions {
  /** e.g. https://api.venice.ai/api/v1 (checked by config.ts: https, or http on loopback only). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Overall deadline for one exchange, headers and body included; default 120 s. */
  timeoutMs?: number;
  /** Bodies larger than this are abandoned; default 64 MiB. */
  maxResponseBytes?: number;
}

export interface Exchange {
  status: number;
  headers: Headers;
  body: Buffer;
  durationMs: number;
}

interface ExchangeInit {
  /** Sent as a bearer token when not null. */
  apiKey: string | null;
  /** POSTed as JSON when present. */
  json?: unknown;
  /** POSTed as is when present (the edit family's multipart bodies); the bytes are handed to fetch without a copy. */
  body?: { bytes: Uint8Array<ArrayBuffer>; contentType: string };
  /** Accept header; default application/json (the edit family answers with image bytes). */
  accept?: string;
  signal?: AbortSignal;
  /** Overrides the transport's deadline for this exchange. */
  timeoutMs?: number;
  /** Clock for Retry-After dates and reset times (tests inject one). */
  now?: () => number;
}

export interface Transport {
  exchange(path: string, init: ExchangeInit): Promise<Exchange>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Printable ASCII without spaces: anything else cannot be a Venice key, and fetch would echo it in its error. */
const KEY_SHAPE = /^[\x21-\x7e]{1,1024}$/;

export const assertSendableKey = (apiKey: string): void => {
  if (!apiKey) throw new AppError('KEY_MISSING', 'Add your Venice API key in Settings first. Nothing was sent.');
  if (!KEY_SHAPE.test(apiKey)) {
    throw new AppError('KEY_INVALID_FORMAT', 'The stored API key does not look like a Venice key — enter it again in Settings. Nothing was sent.');
  }
};

/** Keeps only x-venice-*, x-ratelimit-* and cf-ray: what Lagoon records about an answer. */
export const keptHeaders = (headers: Headers): Record<string, string> => {
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

export function createTransport(opts: TransportOptions): Transport {
  const fetchImpl = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return {
    exchange: async (path, init) => {
      const timeoutMs = init.timeoutMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
      const transport = (): TransportContext => ({ cancelled: !!init.signal?.aborted, timedOut: deadline.aborted, timeoutMs });
      const headers: Record<string, string> = {
        Accept: init.accept ?? 'application/json',
        // A fresh connection every time: on a reused keep-alive socket that the server has just closed, a failure
        // is ambiguous (was the POST read?), so OFFLINE could not be told from "may have been charged". GETs close
        // too, or their idle sockets would be handed to the next POST.
        Connection: 'close',
      };
      if (init.apiKey !== null) headers.Authorization = `Bearer ${init.apiKey}`;
      if (init.json !== undefined) headers['Content-Type'] = 'application/json';
      if (init.body !== undefined) headers['Content-Type'] = init.body.contentType;
      const payload = init.body !== undefined ? init.body.bytes : init.json === undefined ? undefined : JSON.stringify(init.json);
      const started = performance.now();
      let response: Response;
      let body: Buffer;
      try {
        response = await fetchImpl(`${base}${path}`, {
          method: payload === undefined ? 'GET' : 'POST',
          headers,
          ...(payload === undefined ? {} : { body: payload }),
          // Following a redirect could hand the key to another origin; Venice never redirects these routes.
          redirect: 'error',
          signal,
        });
        body = await readCapped(response, maxResponseBytes);
      } catch (error) {
        if (isAppError(error)) throw error;
        throw appErrorFromTransportFailure(error, transport());
      }
      const durationMs = Math.round(performance.now() - started);
      if (!response.ok) throw appErrorFromResponse(response.status, response.headers, body.toString('utf8'), (init.now ?? Date.now)());
      return { status: response.status, headers: response.headers, body, durationMs };
    },
  };
}

/** A 200 must be JSON; anything else (a CDN page, a cut-off body) is INVALID_RESPONSE with a snippet. */
export const jsonOf = (exchange: Exchange): unknown => {
  const contentType = (exchange.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const snippet = (): string => exchange.body.subarray(0, 200).toString('utf8');
  if (contentType !== 'application/json') {
    throw invalidResponse(`Venice answered with ${contentType || 'no content type'} instead of JSON.`, { bodySnippet: snippet() });
  }
  try {
    return JSON.parse(exchange.body.toString('utf8')) as unknown;
  } catch {
    throw invalidResponse('Venice sent an answer that is not valid JSON.', { bodySnippet: snippet() });
  }
};

/** Belt and braces: whatever went wrong, the key must not leave inside an error. */
export const withoutKey = (error: unknown, apiKey: string | null): AppError => {
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

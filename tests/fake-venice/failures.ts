import type { ServerResponse } from 'node:http';
import { sendJson, sendRaw, type HeaderMap } from './http.ts';

/**
 * Magic prompt substrings that make the fake misbehave on purpose (the full list is documented in server.ts).
 * A prompt may combine `[fail:slow:MS]` with one other trigger; the first other trigger wins.
 */
export type BodyFault =
  | 'html200'
  | 'badjson'
  | 'badb64'
  | 'wrongformat'
  | 'empty'
  | 'reset'
  | 'violation'
  | 'redirect'
  | 'wrongcount'
  | 'wrongsize'
  | 'nogrow'
  | 'noalpha';

export interface Triggers {
  slowMs: number;
  /** An HTTP error status to answer with instead of an image. */
  status?: number;
  /** A 200 that is broken in some way (or a non-answer). */
  fault?: BodyFault;
  /** `[fail:503xN]` / `[fail:429xN]`: answer `status` to the first `times` requests with this exact prompt. */
  failFirst?: { status: 429 | 503; times: number };
  /** `[fail:429reset]`: a 429 that carries only `x-ratelimit-reset-requests` (now + 1 s), no Retry-After. */
  rateLimitReset?: true;
}

const ERROR_STATUSES = new Set([402, 403, 404, 413, 415, 422, 429, 500, 502, 503, 504]);
const FAULTS = new Set<string>([
  'html200',
  'badjson',
  'badb64',
  'wrongformat',
  'empty',
  'reset',
  'violation',
  'redirect',
  'wrongcount',
  'wrongsize',
  'nogrow',
  'noalpha',
]);
const MAX_SLOW_MS = 600_000;
const FAIL_FIRST = /^(429|503)x(\d{1,4})$/;

export const parseTriggers = (prompt: string): Triggers => {
  const triggers: Triggers = { slowMs: 0 };
  for (const match of prompt.matchAll(/\[fail:([a-z0-9]+)(?::(\d+))?\]/gi)) {
    const name = (match[1] ?? '').toLowerCase();
    if (name === 'slow') {
      triggers.slowMs = Math.min(Number(match[2] ?? 0), MAX_SLOW_MS);
    } else if (triggers.status === undefined && triggers.fault === undefined && !triggers.failFirst && !triggers.rateLimitReset) {
      const status = Number(name);
      const failFirst = FAIL_FIRST.exec(name);
      if (ERROR_STATUSES.has(status)) triggers.status = status;
      else if (FAULTS.has(name)) triggers.fault = name as BodyFault;
      else if (failFirst) triggers.failFirst = { status: failFirst[1] === '429' ? 429 : 503, times: Number(failFirst[2]) };
      else if (name === '429reset') triggers.rateLimitReset = true;
    }
  }
  return triggers;
};

const CDN_502_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

/** Venice's own wording where the API notes record it. */
export const sendTriggeredError = (res: ServerResponse, status: number, ctx: { model: string; headers: HeaderMap }): void => {
  const { headers } = ctx;
  switch (status) {
    case 402:
      return sendJson(
        res,
        402,
        { error: 'Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.' },
        headers,
      );
    case 403:
      return sendJson(res, 403, { error: 'Unauthorized access' }, headers);
    case 404:
      return sendJson(res, 404, { error: `Specified model not found: ${ctx.model}` }, headers);
    case 413:
      return sendJson(res, 413, { code: 'PAYLOAD_TOO_LARGE', error: 'Request body exceeds the maximum allowed size.' }, headers);
    case 415:
      return sendJson(res, 415, { error: 'Invalid request content-type' }, headers);
    case 422:
      return sendContentViolation(res, headers);
    case 429:
      return sendJson(res, 429, { error: 'The model is currently overloaded. Please try again later.' }, { ...headers, 'retry-after': '1' });

    case 500:
      return sendJson(res, 500, { error: 'Inference processing failed' }, headers);
    case 502:
      return sendRaw(res, 502, 'text/html', CDN_502_PAGE, headers);
    case 503:
      return sendJson(res, 503, { error: 'The model is at capacity. Please try again later.' }, headers);
    default:
      return sendJson(res, status, { error: 'Request timed out' }, headers);
  }
};

/** The edit family's refusal (ContentViolationError): a 422, not a black image as on generate. */
export const sendContentViolation = (res: ServerResponse, headers: HeaderMap): void =>
  sendJson(
    res,
    422,
    { error: 'Your prompt violates the content policy of Venice.ai or the model provider', suggested_prompt: 'a calm landscape at dawn' },
    headers,
  );

/** `[fail:429reset]`: the limiter's kind of 429, with the reset time in epoch milliseconds and no Retry-After. */
export const sendRateLimitReset = (res: ServerResponse, headers: HeaderMap): void =>
  sendJson(res, 429, { error: 'Rate limit exceeded' }, {
    ...headers,
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-reset-requests': String(Date.now() + 1000),
  });

/** Which route's success shape a broken body imitates. */
export type ResponseShape = 'openai' | 'native';

const BAD_B64 = 'iVBORw0K GgoAAAA*NSUhEUg==';
const nativeBody = (images: string[]): unknown => ({
  id: 'generate-image-fault',
  images,
  timing: { inferenceDuration: 1, inferencePreprocessingTime: 0, inferenceQueueTime: 0, total: 1 },
});
const openAiBody = (data: unknown[]): unknown => ({ created: Math.floor(Date.now() / 1000), data });

/** Sends a 200 whose body is broken as the fault says; returns false for faults handled elsewhere. */
export const sendFaultyBody = (res: ServerResponse, fault: BodyFault, headers: HeaderMap, shape: ResponseShape = 'openai'): boolean => {
  const native = shape === 'native';
  switch (fault) {
    case 'html200':
      sendRaw(res, 200, 'text/html; charset=utf-8', '<!doctype html><html><body><h1>Welcome to Venice</h1></body></html>', headers);
      return true;
    case 'badjson': {
      const cut = native ? '{"id":"generate-image-fault","images":["UklGRiIAAABXRUJQ' : '{"created":1713833628,"data":[{"b64_json":"iVBORw0KGgoAAAAN';
      sendRaw(res, 200, 'application/json', cut, headers);
      return true;
    }
    case 'badb64':
      sendJson(res, 200, native ? nativeBody([BAD_B64]) : openAiBody([{ b64_json: BAD_B64 }]), headers);
      return true;
    case 'empty':
      sendJson(res, 200, native ? nativeBody([]) : openAiBody([]), headers);
      return true;
    case 'reset':
      // Headers and part of a body, then a TCP reset: the request was processed, the answer never arrives. The
      // declared length keeps the truncation visible even to a client that sent `Connection: close`.
      res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': '100000' });
      res.write('{"created":1713833628,"data":[{"b64_json":"iVBORw0KGgo');
      setTimeout(() => res.socket?.resetAndDestroy(), 20);
      return true;
    default:
      return false;
  }
};

/**
 * A local fake of Venice's image API, over real HTTP on 127.0.0.1, for unit tests, e2e runs and manual use
 * (`npm run fake-venice`). It answers with Venice's shapes, headers and wording as recorded in the project's
 * Venice notes, and renders real images (sharp) of the requested size and format, different for every prompt.
 *
 * Routes, all under /api/v1:
 *   POST /image/generate       native generation: closed schema, then the model's catalog limits (prompt
 *                              length, steps, resolution, quality); unknown model → 404, retired (hidream) → 410;
 *                              `variants` images, real pictures at width×height (pixel models) or ~1 MP of the
 *                              aspect ratio per resolution tier (aspect models, edge capped at 2048);
 *                              `style_references` only for models with `supportsStyleReferences` (nano-banana-2)
 *   POST /images/generations   OpenAI-compatible generation (closed schema, seed-document enums and bounds)
 *   POST /image/edit           edit one image (JSON with base64 or a data URI, or multipart with a file part);
 *                              `model` (default firered-image-edit, `modelId` alias) from the inpaint catalogue
 *   POST /image/multi-edit     combine `images[]` (first = base, at most the model's `maxInputImages`, default 3),
 *                              the model named `modelId`; multipart repeats the `images` part in order
 *   POST /image/upscale        `scale` 2|4 (default 2), `creativity` clamped to 0–0.02; the result is really
 *                              scale× each edge, the factor lowered so it stays ≤ 16,777,216 pixels
 *   POST /image/background-remove  `image` (or `image_url`, which the offline fake refuses): a PNG with alpha
 *                              (pixels near the top-left corner's colour become transparent)
 *   GET  /models?type=image|inpaint|upscale|all   the catalogues (no type → text models, i.e. an empty list)
 *   GET  /models/traits?type=image
 *   GET  /image/styles         the 76 style-preset names
 *   GET  /api_keys/rate_limits the account: tier, the fake's balances (lowered by its generations), key expiry
 *                              (`keyExpiration` option), per-model limits; a wrong or missing key → 401
 *   POST /__fake/fail-next     (outside /api/v1) `{"route":"/image/upscale","trigger":"[fail:500]"}`: the next
 *                              request to that route behaves as if its prompt carried the trigger (prompt-less
 *                              routes need this; `fake.failNext(route, trigger)` does the same in-process)
 * Edit-family inputs are checked as Venice does: PNG/JPEG/WebP (else 400 CORRUPTED_IMAGE), 65,536–33,177,600
 * pixels (fewer → 400 IMAGE_TOO_SMALL, more → 422 IMAGE_TOO_LARGE), under 25 MiB (else 413). Answers are raw
 * bytes with `content-type: image/<format>`, `x-venice-model-id`/`-name`, balance headers and, with
 * `enhance_prompt`, `x-venice-enhanced-prompt`. Edit output format defaults to png at 1K, jpeg at 2K/4K;
 * `aspect_ratio` auto (the default) keeps the input's ratio at ~1 MP per resolution tier.
 * Anything else → 404 {"error":"Not found"}. Every error body is JSON with `error` a string, except the
 * deliberate HTML ones below.
 *
 * Auth: inference needs `Authorization: Bearer <apiKey>`; a wrong or missing key → 401 "Authentication failed".
 * (Real Venice answers a request with no Authorization header at all with a 402 x402 "Authentication required"
 * body; the fake keeps 401 for now.) Catalog routes work without a key but refuse a wrong one with 401.
 * Inference is rate-limited per key (sliding minute, `rateLimitPerMinute`) → 429 "Rate limit exceeded".
 *
 * Magic prompt substrings, on both generation routes, so tests and people can provoke every failure deterministically:
 *   [fail:402]  insufficient balance            [fail:403]  "Unauthorized access"
 *   [fail:404]  "Specified model not found: …"  [fail:413]  payload too large
 *   [fail:415]  invalid content-type            [fail:429]  overloaded, with `Retry-After: 1`
 *   [fail:500]  "Inference processing failed"   [fail:502]  a Cloudflare-style HTML error page
 *   [fail:503]  "The model is at capacity…"     [fail:504]  request timed out
 *   [fail:html200]     200 with a text/html page        [fail:badjson]   200 JSON cut off mid-way
 *   [fail:badb64]      200 with b64_json that is not base64
 *   [fail:wrongformat] 200 with a real image in another format than asked (JPEG for png, PNG for jpeg)
 *   [fail:empty]       200 with `data: []`              [fail:violation] 200, black image, content-violation header
 *   [fail:reset]       headers and half a body, then the socket is destroyed
 *   [fail:redirect]    307 to the same fake under another origin (http://localhost:PORT)
 *   [fail:wrongcount]  200 with one image more than asked for (two on the OpenAI route)
 *   [fail:503xN] / [fail:429xN]  the first N requests with exactly this prompt get [fail:503] / [fail:429],
 *                      later ones succeed (counted per prompt, per fake instance) — for retry tests
 *   [fail:429reset]    429 "Rate limit exceeded" with `x-ratelimit-reset-requests` = now + 1000 (epoch ms), no Retry-After
 *   [fail:slow:MS]     wait MS milliseconds first (combines with one other trigger)
 * On the edit family (prompt triggers on edit/multi-edit, `failNext` on all four) the status triggers and
 * slow, reset, html200, redirect, 503xN/429xN work the same, and:
 *   [fail:violation] / [fail:422]  422 ContentViolationError (Venice refuses edits instead of blacking them out)
 *   [fail:empty]       200 with an empty image/png body    [fail:wrongformat] a real image in another format
 *   [fail:wrongsize]   edit/multi-edit: a result of another shape than the ratio asked
 *   [fail:nogrow]      upscale: the result has the input's own size
 *   [fail:noalpha]     background-remove: an opaque PNG
 * The word "nsfw" with moderation "auto" / safe_mode true (the defaults) gives a blurred image and
 * `x-venice-is-blurred: true`. `enhance_prompt: true` on the native route adds `x-venice-enhanced-prompt`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { catalogueBody, isKnownModelType, stylesBody, traitsBody } from './catalog.ts';
import { handleRateLimits } from './accountRoute.ts';
import { baseHeaders, bearerKey, isJsonContentType, readBody, sendError, sendJson, type HeaderMap } from './http.ts';
import { handleBackgroundRemove, handleEdit, handleMultiEdit, handleUpscale } from './editRoutes.ts';
import { readEditBody } from './formBody.ts';
import type { InferenceContext } from './inference.ts';
import { handleNativeGenerate } from './nativeGenerate.ts';
import { handleOpenAiGenerations } from './openAiGenerations.ts';
import { rateLimitHeaders, SlidingWindowLimiter } from './rateLimit.ts';
import { detailedErrorBody } from './validation.ts';

export interface FakeVeniceOptions {
  /** The one key the fake accepts; default 'test-key'. */
  apiKey?: string;
  /** Inference requests per key per sliding minute; default 20 (Venice's image default). */
  rateLimitPerMinute?: number;
  /** Port on 127.0.0.1; default 0 (a free one). */
  port?: number;
  /** What GET /api_keys/rate_limits says of the key's expiry (ISO date); default null, a key that never expires. */
  keyExpiration?: string | null;
}

interface FakeVeniceRequest {
  method: string;
  /** Path without the query string, e.g. /api/v1/images/generations. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body was JSON, the raw text when it was not, undefined when empty. */
  body: unknown;
  /** The client's port: requests with the same one came over the same TCP connection. */
  clientPort: number | undefined;
}

export interface FakeVenice {
  /** Base URL as Lagoon uses it, e.g. http://127.0.0.1:PORT/api/v1 */
  url: string;
  /** Every request received, in order. */
  requests: FakeVeniceRequest[];
  /** The next request to `route` (e.g. '/image/upscale') behaves as if its prompt carried `trigger`. */
  failNext(route: string, trigger: string): void;
  close(): Promise<void>;
}

const API_PREFIX = '/api/v1';

type InferenceHandler = (ctx: InferenceContext) => Promise<void>;
const INFERENCE_ROUTES: Record<string, InferenceHandler> = {
  '/images/generations': handleOpenAiGenerations,
  '/image/generate': handleNativeGenerate,
  '/image/edit': handleEdit,
  '/image/multi-edit': handleMultiEdit,
  '/image/upscale': handleUpscale,
  '/image/background-remove': handleBackgroundRemove,
};
/** The edit family also takes multipart/form-data. */
const FORM_ROUTES = new Set(['/image/edit', '/image/multi-edit', '/image/upscale', '/image/background-remove']);

const parseLoggedBody = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** JSON everywhere; the edit family also multipart. Returns the parsed body or answers the error itself. */
const parseInferenceBody = async (
  route: string,
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
  headers: HeaderMap,
): Promise<{ body: unknown } | null> => {
  if (FORM_ROUTES.has(route)) {
    const read = await readEditBody(raw, req.headers['content-type']);
    if (!read.ok) sendError(res, 400, read.error, headers);
    return read.ok ? { body: read.body as unknown } : null;
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    sendError(res, 400, "'Content-Type' must be 'application/json'", headers);
    return null;
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    sendError(res, 400, 'Invalid JSON request', headers);
    return null;
  }
};

export const startFakeVenice = async (opts: FakeVeniceOptions = {}): Promise<FakeVenice> => {
  const apiKey = opts.apiKey ?? 'test-key';
  const limiter = new SlidingWindowLimiter(opts.rateLimitPerMinute ?? 20);
  const balance = { usd: 25, diem: 10 };
  const requests: FakeVeniceRequest[] = [];
  const closing = new AbortController();
  const promptCounts = new Map<string, number>();
  const scripted = new Map<string, string[]>();
  const failNext = (route: string, trigger: string): void => {
    scripted.set(route, [...(scripted.get(route) ?? []), trigger]);
  };
  const takeScripted = (route: string): string => {
    const queue = scripted.get(route) ?? [];
    const next = queue.shift() ?? '';
    if (queue.length === 0) scripted.delete(route);
    return next;
  };
  const countPrompt = (prompt: string): number => {
    const n = (promptCounts.get(prompt) ?? 0) + 1;
    promptCounts.set(prompt, n);
    return n;
  };
  let port = 0;

  const sleepUnlessGone = (res: ServerResponse) => async (ms: number): Promise<boolean> => {
    const hungUp = new AbortController();
    const onClose = (): void => hungUp.abort();
    res.once('close', onClose);
    try {
      await delay(ms, undefined, { signal: AbortSignal.any([closing.signal, hungUp.signal]) });
      return !res.destroyed;
    } catch {
      return false;
    } finally {
      res.off('close', onClose);
    }
  };

  const handleCatalog = (route: string, url: URL, req: IncomingMessage, res: ServerResponse, headers: HeaderMap): void => {
    if (req.headers.authorization !== undefined && bearerKey(req.headers.authorization) !== apiKey) {
      return sendError(res, 401, 'Authentication failed', headers);
    }
    const type = url.searchParams.get('type');
    if (route === '/image/styles') return sendJson(res, 200, stylesBody(), headers);
    if (type !== null && !isKnownModelType(type)) {
      const message = `Invalid enum value. Expected one of the model types, received '${type}'`;
      return sendJson(res, 400, detailedErrorBody([{ code: 'invalid_enum_value', received: type, path: ['type'], message }]), headers);
    }
    return sendJson(res, 200, route === '/models' ? catalogueBody(type) : traitsBody(type), headers);
  };

  const handleInference = async (route: string, req: IncomingMessage, res: ServerResponse, raw: Buffer, base: HeaderMap, logged: FakeVeniceRequest): Promise<void> => {
    const handler = INFERENCE_ROUTES[route];
    if (!handler) return sendError(res, 404, 'Not found', base);
    const key = bearerKey(req.headers.authorization);
    if (key !== apiKey) return sendError(res, 401, 'Authentication failed', base);
    const decision = limiter.take(key);
    const headers = { ...base, ...rateLimitHeaders(decision) };
    if (!decision.allowed) return sendError(res, 429, 'Rate limit exceeded', headers);
    const parsed = await parseInferenceBody(route, req, res, raw, headers);
    if (!parsed) return;
    // Multipart bodies are logged as parsed (fields as text, files as Buffers) so tests can read them.
    if (FORM_ROUTES.has(route)) logged.body = parsed.body;
    await handler({ res, body: parsed.body, headers, port, balance, sleep: sleepUnlessGone(res), countPrompt, scripted: takeScripted(route) });
  };

  const handleControl = (route: string, raw: Buffer, res: ServerResponse): void => {
    const body = parseLoggedBody(raw.toString('utf8')) as { route?: unknown; trigger?: unknown } | undefined;
    if (route !== '/__fake/fail-next' || typeof body?.route !== 'string' || typeof body.trigger !== 'string') {
      return sendError(res, 400, 'expected {"route": "/image/…", "trigger": "[fail:…]"}');
    }
    failNext(body.route, body.trigger);
    sendJson(res, 200, { ok: true });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const read = await readBody(req);
    const logged: FakeVeniceRequest = {
      method,
      path: url.pathname,
      headers: { ...req.headers },
      body: read.ok ? parseLoggedBody(read.bytes.toString('utf8')) : undefined,
      clientPort: req.socket.remotePort,
    };
    requests.push(logged);
    const headers = baseHeaders();
    if (!read.ok) {
      sendJson(res, 413, { code: 'PAYLOAD_TOO_LARGE', error: 'Request body exceeds the maximum allowed size of 35 MB.' }, headers);
      req.socket.destroySoon();
      return;
    }
    if (url.pathname.startsWith('/__fake/') && method === 'POST') return handleControl(url.pathname, read.bytes, res);
    const route = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : null;
    if (route !== null && Object.hasOwn(INFERENCE_ROUTES, route)) {
      if (method !== 'POST') return sendError(res, 405, 'Method not allowed', headers);
      return handleInference(route, req, res, read.bytes, headers, logged);
    }
    if (route === '/models' || route === '/models/traits' || route === '/image/styles') {
      if (method !== 'GET') return sendError(res, 405, 'Method not allowed', headers);
      return handleCatalog(route, url, req, res, headers);
    }
    if (route === '/api_keys/rate_limits') {
      return handleRateLimits(req, res, headers, { apiKey, balance, rateLimitPerMinute: opts.rateLimitPerMinute ?? 20, keyExpiration: opts.keyExpiration ?? null });
    }
    return sendError(res, 404, 'Not found', headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('fake-venice: handler failed', err);
      if (!res.headersSent) sendError(res, 500, 'An unknown error occurred');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${API_PREFIX}`,
    requests,
    failNext,
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
};

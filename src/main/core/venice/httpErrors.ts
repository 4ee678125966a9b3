import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import { zVeniceErrorBody } from './responseSchemas.ts';

/**
 * How every way a Venice call can fail becomes an AppError. Kept apart from the client so a retry policy can
 * reuse the same status → code table. `mayHaveBeenCharged` in the details tells callers (and the user) whether
 * Venice may have billed a request that produced no image: true whenever it reached Venice and we cannot tell.
 */

export interface VeniceFailureDetails {
  mayHaveBeenCharged: boolean;
  status?: number;
  /** Cloudflare's ray id, the request id Venice support asks for. */
  requestId?: string;
  /** Venice's own `error` text, shortened. */
  veniceError?: string;
  /** Venice's field errors on a 400 (its Zod `format()` tree and issue list). */
  details?: unknown;
  issues?: unknown;
  retryAfterMs?: number;
  /** `x-ratelimit-reset-requests`, normalised to epoch milliseconds. */
  rateLimitResetAtMs?: number;
  /** `x-ratelimit-remaining-requests`: the reset time is only a reason to wait when this is 0. */
  rateLimitRemaining?: number;
  /** Set by the retry policy: how many requests were made (1 + automatic retries; 0 when nothing was sent). */
  attempts?: number;
  /** Set by the retry policy when Venice asked for a wait too long to sit out: when to try again, epoch ms. */
  retryAt?: number;
  /** The start of a body that was not JSON (a CDN error page, say), for diagnosis. */
  bodySnippet?: string;
  /** The low-level cause of a transport failure, e.g. ECONNREFUSED. */
  cause?: string;
}

const VENICE_TEXT_MAX = 300;
const SNIPPET_MAX = 200;

const truncate = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

const errorCodeForStatus = (status: number): ErrorCode => {
  if (status === 401 || status === 403) return 'AUTH_REJECTED';
  if (status === 402) return 'INSUFFICIENT_BALANCE';
  if (status === 404 || status === 410) return 'MODEL_NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'UPSTREAM_UNAVAILABLE';
  if (status >= 500) return 'UPSTREAM_ERROR';
  if (status >= 400) return 'UPSTREAM_BAD_REQUEST';
  return 'INVALID_RESPONSE';
};

/** Only server-side failures after the request was accepted can have been billed; 4xx and 503 are refusals. */
const chargeableStatus = (status: number): boolean => status >= 500 && status !== 503;

/**
 * `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); anything else (`-1`, `abc`) means
 * nothing. Every HTTP-date form starts with a day name, which keeps `Date.parse` from reading "-1" or "7" as a year.
 */
export const parseRetryAfterMs = (value: string | null, now: number = Date.now()): number | undefined => {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

const EPOCH_MS_FROM = 1e12; // Sep 2001 in milliseconds
const EPOCH_S_FROM = 1e9; // Sep 2001 in seconds
const DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$/;

/**
 * `x-ratelimit-reset-requests` → epoch milliseconds. Venice sends epoch ms (live-verified by clients), its docs
 * have said "Unix timestamp" and "seconds until reset", and OpenAI sends durations like `6m0s`; the size of the
 * number tells the numeric forms apart.
 */
export const parseRateLimitResetMs = (value: string | null, now: number = Date.now()): number | undefined => {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n >= EPOCH_MS_FROM) return Math.round(n);
    if (n >= EPOCH_S_FROM) return Math.round(n * 1000);
    return now + Math.round(n * 1000);
  }
  const d = DURATION.exec(trimmed);
  if (!d) return undefined;
  const [, h, m, sec, ms] = d;
  return now + Number(h ?? 0) * 3_600_000 + Number(m ?? 0) * 60_000 + Math.round(Number(sec ?? 0) * 1000) + Number(ms ?? 0);
};

const firstIssueText = (issues: unknown): string | undefined => {
  if (!Array.isArray(issues)) return undefined;
  const first: unknown = issues[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const { path, message } = first as { path?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  const where = Array.isArray(path) && path.length > 0 ? `${path.join('.')}: ` : '';
  return `${where}${message}`;
};

interface ParsedErrorBody {
  veniceError?: string;
  details?: unknown;
  issues?: unknown;
  bodySnippet?: string;
}

const parseErrorBody = (bodyText: string): ParsedErrorBody => {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    const snippet = bodyText.trim();
    return snippet ? { bodySnippet: truncate(snippet, SNIPPET_MAX) } : {};
  }
  const parsed = zVeniceErrorBody.safeParse(json);
  if (!parsed.success) return { bodySnippet: truncate(bodyText.trim(), SNIPPET_MAX) };
  const { error, details, issues } = parsed.data;
  const text = typeof error === 'string' ? error : error.message;
  const issue = firstIssueText(issues);
  return {
    veniceError: truncate(issue && !text.includes(issue) ? `${text} (${issue})` : text, VENICE_TEXT_MAX),
    ...(details !== undefined ? { details } : {}),
    ...(issues !== undefined ? { issues } : {}),
  };
};

const messageFor = (code: ErrorCode, status: number, veniceError: string | undefined): string => {
  const said = veniceError ? ` Venice said: "${veniceError}"` : '';
  switch (code) {
    case 'AUTH_REJECTED':
      return status === 403
        ? `Your API key was rejected for this request — check it in Settings.${said}`
        : `Your API key was rejected — check it in Settings.${said}`;
    case 'INSUFFICIENT_BALANCE':
      return 'Your Venice balance is too low for this image — add credits at venice.ai/settings/api.';
    case 'MODEL_NOT_FOUND':
      return `Venice does not offer this model (any more) — choose another model.${said}`;
    case 'PAYLOAD_TOO_LARGE':
      return 'The request was too large for Venice.';
    case 'RATE_LIMITED':
      return 'Venice is limiting how fast you can generate — wait a moment and try again.';
    case 'UPSTREAM_UNAVAILABLE':
      return `Venice cannot serve this model right now — try again shortly.${said}`;
    case 'UPSTREAM_ERROR':
      return `Venice failed to make the image (HTTP ${status}). The request was sent and may have been charged.${said}`;
    case 'UPSTREAM_BAD_REQUEST':
      return veniceError ? `Venice rejected the request: ${veniceError}` : `Venice rejected the request (HTTP ${status}).`;
    default:
      return `Venice answered with an unexpected HTTP ${status}.`;
  }
};

/** A non-2xx answer from Venice → the AppError a user can act on. */
export const appErrorFromResponse = (status: number, headers: Headers, bodyText: string, now: number = Date.now()): AppError => {
  const code = errorCodeForStatus(status);
  const body = parseErrorBody(bodyText);
  const requestId = headers.get('cf-ray') ?? undefined;
  const retryAfterMs = parseRetryAfterMs(headers.get('retry-after'), now);
  const rateLimitResetAtMs = code === 'RATE_LIMITED' ? parseRateLimitResetMs(headers.get('x-ratelimit-reset-requests'), now) : undefined;
  const remainingText = headers.get('x-ratelimit-remaining-requests')?.trim() ?? '';
  const rateLimitRemaining = code === 'RATE_LIMITED' && /^\d+$/.test(remainingText) ? Number(remainingText) : undefined;
  const details: VeniceFailureDetails = {
    mayHaveBeenCharged: chargeableStatus(status),
    status,
    ...(requestId ? { requestId } : {}),
    ...body,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(rateLimitResetAtMs !== undefined ? { rateLimitResetAtMs } : {}),
    ...(rateLimitRemaining !== undefined ? { rateLimitRemaining } : {}),
  };
  return new AppError(code, messageFor(code, status, body.veniceError), details);
};

/** A 200 that Lagoon cannot use. Venice did the work, so it may well have charged for it. */
export const invalidResponse = (reason: string, extra: Partial<VeniceFailureDetails> & Record<string, unknown> = {}): AppError =>
  new AppError('INVALID_RESPONSE', `${reason} The request may have been charged.`, { mayHaveBeenCharged: true, ...extra });

/** Errors that prove the connection was never made, so nothing reached Venice. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * What fetch (undici) says when it refuses a request before opening any connection: a port browsers block (e.g. 9,
 * 6000), a scheme it cannot send, a URL it cannot parse. Matched by message because undici gives these no code.
 */
const REFUSED_BY_FETCH = ['bad port', 'URL scheme must be a HTTP(S) scheme', 'unknown scheme', 'local URLs only'];
const refusedByFetch = (c: { code?: string; message?: string }): boolean =>
  c.code === 'ERR_INVALID_URL' || (c.message !== undefined && REFUSED_BY_FETCH.includes(c.message));

/** Walks fetch's `cause` chain (and AggregateErrors from multi-address connects) collecting codes and messages. */
const causeChain = (error: unknown): Array<{ code?: string; message?: string }> => {
  const found: Array<{ code?: string; message?: string }> = [];
  const visit = (e: unknown, depth: number): void => {
    if (typeof e !== 'object' || e === null || depth > 6) return;
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    found.push({
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    });
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
    visit(cause, depth + 1);
  };
  visit(error, 0);
  return found;
};

export interface TransportContext {
  /** The caller's own signal fired. */
  cancelled: boolean;
  /** Our overall deadline fired. */
  timedOut: boolean;
  timeoutMs: number;
}

/** fetch threw (before or while reading the answer) → CANCELLED, TIMEOUT, OFFLINE or UPSTREAM_ERROR. */
export const appErrorFromTransportFailure = (error: unknown, ctx: TransportContext): AppError => {
  if (ctx.cancelled) {
    return new AppError('CANCELLED', 'The generation was cancelled. If Venice had already started, it may have been charged.', {
      mayHaveBeenCharged: true,
    });
  }
  if (ctx.timedOut) {
    const seconds = Math.round(ctx.timeoutMs / 100) / 10;
    return new AppError('TIMEOUT', `Venice did not answer within ${seconds} s. The request was sent and may have been charged.`, {
      mayHaveBeenCharged: true,
    });
  }
  const chain = causeChain(error);
  const neverSent = chain.find((c) => c.code !== undefined && NEVER_SENT.has(c.code));
  if (neverSent) {
    return new AppError('OFFLINE', 'Lagoon could not reach Venice — check your internet connection. Nothing was sent or charged.', {
      mayHaveBeenCharged: false,
      cause: neverSent.code,
    });
  }
  const refused = chain.find(refusedByFetch);
  if (refused) {
    return new AppError(
      'OFFLINE',
      `Lagoon cannot send requests to this Venice address (${refused.message ?? refused.code}) — check the API base URL. Nothing was sent or charged.`,
      { mayHaveBeenCharged: false, cause: refused.code ?? refused.message },
    );
  }
  if (chain.some((c) => c.message?.includes('redirect'))) {
    return new AppError('INVALID_RESPONSE', 'Venice answered with a redirect. Lagoon does not follow redirects, so your key stays with Venice.', {
      mayHaveBeenCharged: false,
      cause: 'redirect',
    });
  }
  const cause = chain.map((c) => c.code).find((c) => c !== undefined);
  return new AppError(
    'UPSTREAM_ERROR',
    'The connection to Venice broke before its answer arrived. The request may have been charged.',
    { mayHaveBeenCharged: true, ...(cause ? { cause } : {}) },
  );
};


/**
 * The closed set of error codes that cross process boundaries (IPC, the e2e bridge, later the CLI).
 * The UI branches on these and translates them; it never parses a message. Adding a code is a contract change.
 */
export const ERROR_CODES = [
  'INVALID_INPUT', // a request failed its schema; nothing was sent or written
  'FORBIDDEN_SENDER', // IPC from a frame that is not the app's top frame
  'UNKNOWN_ROUTE',
  'NOT_FOUND', // no library item with that id
  'KEY_MISSING', // no API key stored yet
  'KEY_INVALID_FORMAT', // the key given to set_api_key failed the local checks
  'KEYCHAIN_UNAVAILABLE', // the OS keychain could not be reached; we never fall back to plaintext
  'AUTH_REJECTED', // Venice answered 401/403
  'INSUFFICIENT_BALANCE', // 402
  'UPSTREAM_BAD_REQUEST', // 400 from Venice (details carry its field errors)
  'MODEL_NOT_FOUND', // 404/410
  'PAYLOAD_TOO_LARGE', // 413
  'RATE_LIMITED', // 429
  'UPSTREAM_UNAVAILABLE', // 503 capacity / offline model
  'UPSTREAM_ERROR', // 500/502/504 and other 5xx: the request was sent, it may have been charged
  'CONTENT_BLOCKED', // Venice flagged the result as a content-policy violation; nothing was stored
  'INVALID_RESPONSE', // non-JSON, wrong shape, bad base64, bytes not the requested format
  'TIMEOUT', // no complete answer in time: the request was sent, it may have been charged
  'OFFLINE', // the request provably never left the machine (DNS, connection refused)
  'STORAGE_FAILED', // writing the image or its row failed; nothing half-written is left
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

// No zod here: the renderer loads this module (through the shared file-name rules), and zod's eval probe is exactly
// what the renderer's CSP forbids. The payload's schema lives with the job schemas that parse it.
export interface AppErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The one error type thrown inside main/core; the router turns it into an envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toPayload(): AppErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorPayload };

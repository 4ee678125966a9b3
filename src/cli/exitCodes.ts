import type { ErrorCode } from '../shared/errors.ts';

/**
 * The process exit status for every error code, in one table so scripts can branch on the class of failure.
 * `satisfies Record<ErrorCode, …>` makes a new error code a compile error here until someone decides its class.
 */
export const EXIT_OK = 0;
const EXIT_OTHER = 1;
export const EXIT_INVALID_INPUT = 2;
const EXIT_KEY = 3;
const EXIT_BALANCE = 4;
const EXIT_RATE_LIMITED = 5;
const EXIT_UPSTREAM = 6;
const EXIT_NETWORK = 7;
const EXIT_CONTENT_BLOCKED = 8;

const EXIT_CODES = {
  // Nothing was sent: the command line, a prompt or an option failed its checks.
  INVALID_INPUT: EXIT_INVALID_INPUT,
  UNKNOWN_ROUTE: EXIT_INVALID_INPUT,
  // The key is missing, cannot be read, is malformed, or Venice refused it: the fix is always about the key.
  KEY_MISSING: EXIT_KEY,
  KEY_INVALID_FORMAT: EXIT_KEY,
  KEYCHAIN_UNAVAILABLE: EXIT_KEY,
  AUTH_REJECTED: EXIT_KEY,
  INSUFFICIENT_BALANCE: EXIT_BALANCE,
  RATE_LIMITED: EXIT_RATE_LIMITED,
  // Venice answered, but not with an image we could use.
  UPSTREAM_BAD_REQUEST: EXIT_UPSTREAM,
  MODEL_NOT_FOUND: EXIT_UPSTREAM,
  PAYLOAD_TOO_LARGE: EXIT_UPSTREAM,
  UPSTREAM_UNAVAILABLE: EXIT_UPSTREAM,
  UPSTREAM_ERROR: EXIT_UPSTREAM,
  INVALID_RESPONSE: EXIT_UPSTREAM,
  // No complete answer arrived.
  TIMEOUT: EXIT_NETWORK,
  OFFLINE: EXIT_NETWORK,
  CONTENT_BLOCKED: EXIT_CONTENT_BLOCKED,
  NOT_FOUND: EXIT_OTHER,
  STORAGE_FAILED: EXIT_OTHER,
  CANCELLED: EXIT_OTHER,
  FORBIDDEN_SENDER: EXIT_OTHER,
  INTERNAL: EXIT_OTHER,
} as const satisfies Record<ErrorCode, number>;

export const exitCodeFor = (code: ErrorCode): number => EXIT_CODES[code];

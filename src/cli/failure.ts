import { type AppErrorPayload, type ErrorCode, isAppError } from '../shared/errors.ts';
import { redact } from '../main/core/log.ts';

/** A failure as the CLI prints it: the core's words, the code scripts branch on, and what a retry would mean. */
export interface CliFailure {
  code: ErrorCode;
  message: string;
  /** The request may have reached Venice: it may have been billed, and sending it again may bill again. */
  mayHaveBeenCharged: boolean;
  /** The same request may well succeed later as it is (no key, balance, prompt or option to fix first). */
  retryable: boolean;
}

/** Core messages point app users to Settings; on the command line the same fix has another name. */
const CLI_HINTS: Partial<Record<ErrorCode, string>> = {
  KEY_MISSING: 'On the command line: run "lagoon key set", or set VENICE_API_KEY.',
  AUTH_REJECTED: 'On the command line: store the right key with "lagoon key set", or fix VENICE_API_KEY if you use it.',
  KEYCHAIN_UNAVAILABLE: 'On the command line you can skip the keychain: set VENICE_API_KEY for this run.',
};

/** The core's words for the app's Settings screen, as a terminal user does the same thing; CLI_HINTS add the how. */
const FOR_THE_TERMINAL: ReadonlyArray<[RegExp, string]> = [
  [/ Add one in Settings\./u, ''],
  [/Add your Venice API key in Settings first\./u, 'No Venice API key is set.'],
  [/enter it again in Settings/u, 'store it again with "lagoon key set"'],
  [/ — check it in Settings\./u, '.'],
];

const forTheTerminal = (message: string): string => FOR_THE_TERMINAL.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_ERROR',
  'TIMEOUT',
  'OFFLINE',
  'INVALID_RESPONSE',
  'STORAGE_FAILED',
  'CANCELLED',
]);

const chargedIn = (details: unknown): boolean =>
  typeof details === 'object' && details !== null && (details as { mayHaveBeenCharged?: unknown }).mayHaveBeenCharged === true;

/**
 * Any thrown value as the failure the CLI prints. AppErrors are already worded for the user and keyless;
 * anything else is a bug, and its text goes through the log redactor, which cuts the key if it ever got in.
 */
export const toFailure = (error: unknown): CliFailure => {
  if (isAppError(error)) {
    const hint = CLI_HINTS[error.code];
    const message = hint ? `${forTheTerminal(error.message)} ${hint}` : forTheTerminal(error.message);
    return { code: error.code, message: redact(message), mayHaveBeenCharged: chargedIn(error.details), retryable: RETRYABLE.has(error.code) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected failure: ${redact(text)}`, mayHaveBeenCharged: false, retryable: false };
};

/** A core payload (a job's stored error, an export's per-file failure) as the CLI prints it. */
export const asCliFailure = (error: AppErrorPayload | CliFailure): CliFailure =>
  'retryable' in error
    ? error
    : { code: error.code, message: forTheTerminal(error.message), mayHaveBeenCharged: chargedIn(error.details), retryable: RETRYABLE.has(error.code) };

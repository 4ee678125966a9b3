import { type AppErrorPayload, type ErrorCode, isAppError } from '../shared/errors.ts';
import { redact } from '../main/core/log.ts';

/** Core messages point app users to Settings; on the command line the same fix has another name. */
const CLI_HINTS: Partial<Record<ErrorCode, string>> = {
  KEY_MISSING: 'On the command line: run "lagoon key set", or set VENICE_API_KEY.',
  AUTH_REJECTED: 'On the command line: store the right key with "lagoon key set", or fix VENICE_API_KEY if you use it.',
};

/**
 * Any thrown value as the {code, message} the CLI prints. AppErrors are already worded for the user and keyless;
 * anything else is a bug, and its text goes through the log redactor, which cuts the key if it ever got in.
 */
export const toFailure = (error: unknown): AppErrorPayload => {
  if (isAppError(error)) {
    const hint = CLI_HINTS[error.code];
    return { code: error.code, message: redact(hint ? `${error.message} ${hint}` : error.message) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected failure: ${redact(text)}` };
};

import { type AppError, isAppError } from '../../../shared/errors.ts';
import type { AccountClient } from '../generation/venicePorts.ts';
import type { AccountInfo } from '../venice/accountInfo.ts';

/**
 * Whether Venice accepts a key, asked with its free account call. Only a 401 proves the key wrong; anything
 * else (offline, a timeout, Venice failing, a 403 that may be about the account rather than the key) leaves the
 * key unverified, to be verified by the next call that succeeds.
 */
export type KeyCheckResult =
  | { state: 'verified'; info: AccountInfo }
  | { state: 'rejected'; error: AppError }
  | { state: 'unverified'; error: AppError | null };

/** Saving a key waits for this answer; a network that hangs must not hold the Settings page for long. */
const KEY_CHECK_TIMEOUT_MS = 10_000;

const httpStatus = (error: AppError): number | null => {
  const status = (error.details as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : null;
};

export const checkKey = async (client: AccountClient, apiKey: string): Promise<KeyCheckResult> => {
  try {
    const info = await client.accountInfo({ apiKey, signal: AbortSignal.timeout(KEY_CHECK_TIMEOUT_MS) });
    return { state: 'verified', info };
  } catch (error) {
    if (!isAppError(error)) return { state: 'unverified', error: null };
    if (error.code === 'AUTH_REJECTED' && httpStatus(error) === 401) return { state: 'rejected', error };
    return { state: 'unverified', error };
  }
};

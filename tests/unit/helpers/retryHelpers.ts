import { inspect } from 'node:util';
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../../src/shared/errors.ts';
import type { NativeImageRequest } from '../../../src/shared/venice.ts';
import type { RetryOptions } from '../../../src/main/core/venice/retry.ts';

/** What the retry tests (venice-retry, venice-retry-waits) share. */

/** Retry options whose sleeps return at once and are written down; jitter fixed by `random`. */
export const recording = (extra: RetryOptions = {}, random = 0): { retry: RetryOptions; waits: number[] } => {
  const waits: number[] = [];
  return { waits, retry: { random: () => random, sleep: async (ms) => void waits.push(ms), ...extra } };
};

export const nativeRequest = (prompt: string): NativeImageRequest => ({ model: 'z-image-turbo', prompt, width: 128, height: 128, format: 'webp' });

/** The AppError `promise` rejects with, checked for `code` and for never showing `key` anywhere inside it. */
export const rejectionWithout =
  (key: string) =>
  async (promise: Promise<unknown>, code: ErrorCode): Promise<AppError> => {
    const caught = await promise.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.code).toBe(code);
    expect(inspect(err, { depth: Infinity })).not.toContain(key);
    return err;
  };

export const attemptsOf = (err: AppError): unknown => (err.details as { attempts?: unknown }).attempts;

import { expect } from 'vitest';
import { AppError } from '../../../src/shared/errors.ts';

/** The AppError code `fn` throws ('no error' when it returns); anything thrown that is not an AppError fails the test. */
export const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  return 'no error';
};

/** The AppError `promise` rejects with; resolving, or rejecting with anything that is not an AppError, fails the test. */
export const rejectionOf = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
};

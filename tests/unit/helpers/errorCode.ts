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

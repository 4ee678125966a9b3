import { useState } from 'react';
import { type ApiError, toApiError } from '../api.ts';

/**
 * One call at a time for a form and its buttons: which call is running (`kind`, so its button can say so), and the
 * last call's error. A new call clears the error; its answer goes to `done`.
 */
export const useBusyCall = <K extends string>() => {
  const [busy, setBusy] = useState<K | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async <T>(kind: K, action: () => Promise<T>, done: (result: T) => void): Promise<void> => {
    setBusy(kind);
    setError(null);
    try {
      done(await action());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, setError, run };
};

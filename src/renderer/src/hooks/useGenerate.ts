import { useCallback, useRef, useState } from 'react';
import type { GenerateInput } from '../../../shared/ipc/schemas/generation.ts';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import { type ApiError, call, toApiError } from '../api.ts';

export interface GenerateState {
  busy: boolean;
  /** When the running request started (ms since epoch), for the elapsed-time display. */
  startedAt: number | null;
  /** The last image made in this session; kept while a new one is on its way. */
  result: ImageDetail | null;
  error: ApiError | null;
  generate: (input: GenerateInput) => Promise<void>;
  dismissError: () => void;
}

export const useGenerate = (onError?: (error: ApiError) => void): GenerateState => {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [result, setResult] = useState<ImageDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // A ref, not state: a second Ctrl+Enter in the same tick must not start a second paid request.
  const inFlight = useRef(false);

  const generate = useCallback(
    async (input: GenerateInput) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setError(null);
      setStartedAt(Date.now());
      try {
        setResult(await call('generation.generate', input));
      } catch (e) {
        const apiError = toApiError(e);
        setError(apiError);
        onError?.(apiError);
      } finally {
        inFlight.current = false;
        setStartedAt(null);
      }
    },
    [onError],
  );

  const dismissError = useCallback(() => setError(null), []);

  return { busy: startedAt !== null, startedAt, result, error, generate, dismissError };
};

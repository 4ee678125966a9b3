import { type FormEvent, useRef, useState } from 'react';
import type { Job, JobRequest } from '../../../../shared/ipc/schemas/jobs.ts';
import { imagesRequested, priceFor } from '../../../../shared/pricing.ts';
import { type ApiError, toApiError } from '../../api.ts';
import type { BuiltRequest } from './buildRequest.ts';
import { useSpendGuard } from './useSpendGuard.ts';

interface Options {
  built: BuiltRequest;
  /** The form is complete and within every limit. */
  ready: boolean;
  enqueue: (requests: JobRequest[]) => Promise<Job[]>;
  onQueued: (jobs: Job[]) => void;
}

/**
 * Pressing Generate: the spend question when the batch is above the limit, then one enqueue at a time. A request
 * refused before it was queued is kept to show on the form (a job that failed shows where its image would be).
 */
export function useGenerateSubmit({ built, ready, enqueue, onQueued }: Options) {
  const [error, setError] = useState<ApiError | null>(null);
  const [enqueuing, setEnqueuing] = useState(false);
  const enqueuingRef = useRef(false);
  const spendGuard = useSpendGuard();
  const canSubmit = !enqueuing && ready;

  const send = async (request: JobRequest) => {
    // A ref, not state: two presses in the same tick must not both pass before the button disables.
    if (enqueuingRef.current) return;
    enqueuingRef.current = true;
    setEnqueuing(true);
    setError(null);
    try {
      onQueued(await enqueue([request]));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      enqueuingRef.current = false;
      setEnqueuing(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!canSubmit || enqueuingRef.current || spendGuard.pending) return;
    const { request } = built;
    const perImage = priceFor(built.model, request);
    void spendGuard.guard(perImage === null ? null : perImage * imagesRequested(request), () => void send(request));
  };

  return { canSubmit, submit, error, dismissError: () => setError(null), spendGuard };
}

export type GenerateSubmit = ReturnType<typeof useGenerateSubmit>;

import { type FormEvent, useState } from 'react';
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
 * Pressing Generate: through the spend guard (one submission at a time, the question above the limit), then the
 * enqueue. A request refused before it was queued is kept to show on the form (a job that failed shows where its
 * image would be).
 */
export function useGenerateSubmit({ built, ready, enqueue, onQueued }: Options) {
  const [error, setError] = useState<ApiError | null>(null);
  const spendGuard = useSpendGuard();
  const canSubmit = ready && !spendGuard.busy;

  const send = async (request: JobRequest) => {
    setError(null);
    try {
      onQueued(await enqueue([request]));
    } catch (err) {
      setError(toApiError(err));
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!ready) return;
    const { request } = built;
    const perImage = priceFor(built.model, request);
    void spendGuard.submit(perImage === null ? null : perImage * imagesRequested(request), () => send(request));
  };

  return { canSubmit, submit, error, dismissError: () => setError(null), spendGuard };
}

export type GenerateSubmit = ReturnType<typeof useGenerateSubmit>;

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
 * From the press on, reading the spend limit and the enqueue are one submission: the button stays disabled through
 * both, and a second press meanwhile (a double click) sends nothing. (The limit is read from main; a press during that
 * read used to pass, and could be sent as a second, paid job, or be dropped without a word.)
 */
export function useGenerateSubmit({ built, ready, enqueue, onQueued }: Options) {
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // A ref as well as state: two presses in the same tick must not both pass before the button disables.
  const submittingRef = useRef(false);
  const spendGuard = useSpendGuard();
  const canSubmit = !submitting && ready;

  const hold = (on: boolean) => {
    submittingRef.current = on;
    setSubmitting(on);
  };

  /** Enqueues; also the path of a batch confirmed in the spend question, so it holds the form itself. */
  const send = async (request: JobRequest) => {
    hold(true);
    setError(null);
    try {
      onQueued(await enqueue([request]));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      hold(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!canSubmit || submittingRef.current || spendGuard.pending) return;
    hold(true);
    const { request } = built;
    const perImage = priceFor(built.model, request);
    // Resolves once sent, or once the spend question is up (which blocks presses itself until answered).
    void spendGuard.guard(perImage === null ? null : perImage * imagesRequested(request), () => send(request)).finally(() => hold(false));
  };

  return { canSubmit, submit, error, dismissError: () => setError(null), spendGuard };
}

export type GenerateSubmit = ReturnType<typeof useGenerateSubmit>;

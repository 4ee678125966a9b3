import { AppError } from '../../shared/errors.ts';
import type { ImageDetail } from '../../shared/ipc/schemas/images.ts';
import type { Job, JobRequest } from '../../shared/ipc/schemas/jobs.ts';
import type { Services } from '../../main/core/services.ts';

export interface RunResult {
  job: Job | null;
  /** The stored images, in variant order; some may exist even beside an error (paid-for images are kept). */
  images: ImageDetail[];
  error: AppError | null;
}

/**
 * The queue parks a job that never left the machine until the network is back; a CLI run ends instead (its
 * leftover jobs are cancelled), so it must not promise that the image will still be made.
 */
const failureOf = (job: Job): AppError => {
  if (job.status === 'waiting_offline') {
    return new AppError('OFFLINE', 'Lagoon could not reach Venice — check your internet connection. Nothing was sent or charged.', {
      jobId: job.id,
      mayHaveBeenCharged: false,
    });
  }
  if (job.status === 'done') return new AppError('NOT_FOUND', 'The image was made but is no longer in the library.', { jobId: job.id });
  if (job.error) return new AppError(job.error.code, job.error.message, { jobId: job.id });
  return new AppError('CANCELLED', 'The generation was stopped before it finished.', { jobId: job.id, mayHaveBeenCharged: job.mayHaveBeenCharged });
};

/**
 * One request through the same queue as the app (concurrency, rate limit, retries, crash recovery), waited for.
 * Never throws: a refusal by the queue comes back as the error.
 */
export const runRequest = async (services: Services, request: JobRequest): Promise<RunResult> => {
  let queued: Job | undefined;
  try {
    [queued] = services.queue.enqueue([request]);
  } catch (error) {
    return { job: null, images: [], error: error instanceof AppError ? error : new AppError('INTERNAL', 'The request could not be queued.') };
  }
  if (!queued) return { job: null, images: [], error: new AppError('INTERNAL', 'The request could not be queued.') };
  const job = await services.queue.settled(queued.id);
  const images = job.imageIds.flatMap((id) => services.library.get(id) ?? []);
  const complete = job.status === 'done' && images.length > 0;
  return { job, images, error: complete ? null : failureOf(job) };
};

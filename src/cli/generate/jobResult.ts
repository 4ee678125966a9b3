import { AppError } from '../../shared/errors.ts';
import type { ImageDetail } from '../../shared/ipc/schemas/images.ts';
import type { Job } from '../../shared/ipc/schemas/jobs.ts';
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
  if (job.error) return new AppError(job.error.code, job.error.message, { jobId: job.id, mayHaveBeenCharged: job.mayHaveBeenCharged });
  return new AppError('CANCELLED', 'The generation was stopped before it finished.', { jobId: job.id, mayHaveBeenCharged: job.mayHaveBeenCharged });
};

/** A settled job as the batch reports it: its stored images and, unless every image was stored, why not. */
export const resultOf = (services: Services, job: Job): RunResult => {
  const images = job.imageIds.flatMap((id) => services.library.get(id) ?? []);
  const complete = job.status === 'done' && images.length > 0;
  return { job, images, error: complete ? null : failureOf(job) };
};

/** The queue refused the request (shutting down, a failed check): nothing was sent. */
export const refusedResult = (error: unknown): RunResult => ({
  job: null,
  images: [],
  error: error instanceof AppError ? error : new AppError('INTERNAL', 'The request could not be queued. Nothing was sent.'),
});

import { AppError } from '../../../shared/errors.ts';
import type { GenerateInput } from '../../../shared/ipc/schemas/generation.ts';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import type { Job } from '../../../shared/ipc/schemas/jobs.ts';
import type { Library } from '../library/library.ts';
import type { GenerationQueue } from '../queue/generationQueue.ts';

export { toOpenAiRequest } from './requestMapping.ts';

export interface GenerationService {
  /** One image from the simple form, through the same queue as everything else; resolves with the stored image. */
  generate(input: GenerateInput): Promise<ImageDetail>;
}

/** The job's own error, or the reason it did not end with an image. */
const failureOf = (job: Job): AppError => {
  if (job.status === 'waiting_offline') {
    return new AppError(
      'OFFLINE',
      'Venice cannot be reached. The image waits in the queue and is made by itself when the network is back; nothing was charged.',
      { jobId: job.id, mayHaveBeenCharged: false, waiting: true },
    );
  }
  if (job.status === 'done') return new AppError('NOT_FOUND', 'The image was made but is no longer in the library.', { jobId: job.id });
  if (job.error) return new AppError(job.error.code, job.error.message, { ...asObject(job.error.details), jobId: job.id });
  return new AppError('CANCELLED', 'Lagoon is closing; the image will be made the next time it starts.', { jobId: job.id, mayHaveBeenCharged: false });
};

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * The skeleton's `generation.generate`, kept for the simple form and the CLI: it enqueues one OpenAI-route job and
 * waits for it, so a single queue owns concurrency, the rate limit, cancellation and crash recovery.
 */
export const createGenerationService = (deps: { queue: GenerationQueue; library: Library }): GenerationService => ({
  async generate(input) {
    const [job] = deps.queue.enqueue([{ endpoint: 'openai', ...input }]);
    if (!job) throw new AppError('INTERNAL', 'The image could not be queued.');
    const settled = await deps.queue.settled(job.id);
    const imageId = settled.status === 'done' ? settled.imageIds[0] : undefined;
    const image = imageId === undefined ? null : deps.library.get(imageId);
    if (!image) throw failureOf(settled);
    return image;
  },
});

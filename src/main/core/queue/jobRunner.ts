import type { Database } from 'better-sqlite3';
import { AppError, type AppErrorPayload, isAppError } from '../../../shared/errors.ts';
import type { Job, JobRequest } from '../../../shared/ipc/schemas/jobs.ts';
import { isIterateRequest } from '../../../shared/iterateEndpoints.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { toNativeRequest, toOpenAiRequest } from '../generation/requestMapping.ts';
import { loadStyleReferences } from '../generation/styleReferences.ts';
import type { ClientRetry, GenerationClient, GenerationFlags } from '../generation/venicePorts.ts';
import type { IngestInput, Library } from '../library/library.ts';
import { insertLineage, type LineageRecord } from '../iterate/lineageStore.ts';
import { sendIterate, type IterateDeps } from '../iterate/sendIterate.ts';
import { registerSecret } from '../log.ts';
import type { SecretStore } from '../secrets/secretStore.ts';

/**
 * One job, once: read the key, send, and store what came back. It never retries (the client alone retries what
 * provably was not charged) and never throws: every ending is an outcome the queue writes to the job row.
 */

/** Where a running job is; `close()` and cancel treat a job differently once its request may have left. */
export type RunPhase = 'preparing' | 'sending' | 'storing';

export interface RunOutcome {
  status: 'done' | 'failed' | 'blocked' | 'cancelled' | 'waiting_offline';
  imageIds: string[];
  error: AppErrorPayload | null;
  mayHaveBeenCharged: boolean;
  attempts: number;
  /** Venice's kept response headers (balance, rate limit), when an answer arrived. */
  headers: Record<string, string> | null;
}

export interface RunnerDeps {
  secrets: SecretStore;
  client: GenerationClient;
  library: Library;
  /** Catalogue price of one image of the request, recorded on each image. */
  priceFor(request: JobRequest): number | null;
  /** Venice's default model id, for rows of the OpenAI route when Venice does not name the model it used. */
  defaultModel(): string | undefined;
  /** Overrides the client's retry policy (tests shorten its backoff). */
  retry?: ClientRetry;
  /** The edit family (edit, combine, upscale, remove background); absent where only generation runs. */
  iterate?: IterateDeps;
}

interface Generated {
  images: Buffer[];
  format: ImageFormat;
  model: string;
  request: Record<string, unknown>;
  /** Per image: what came back with it. */
  responseFor(index: number): Record<string, unknown>;
  headers: Record<string, string>;
  flags: GenerationFlags;
  attempts: number;
  /** The prompt stored on the images when it is not the job's own (an upscale keeps its parent's). */
  prompt?: string;
  /** Where the images came from (the edit family), stored with each image's row. */
  lineage?: LineageRecord;
}

/** Venice's OpenAI route picks its default model when none is named; the row still needs a name. */
const DEFAULT_MODEL_LABEL = 'default';

const send = async (deps: RunnerDeps, job: Job, apiKey: string, signal: AbortSignal): Promise<Generated> => {
  const { request } = job;
  const opts = { signal, ...(deps.retry !== undefined ? { retry: deps.retry } : {}) };
  if (isIterateRequest(request)) {
    if (!deps.iterate) throw new AppError('INTERNAL', 'Editing images is not available in this process. Nothing was sent.', { attempts: 0, mayHaveBeenCharged: false });
    const result = await sendIterate(deps.iterate, request, apiKey, opts);
    const { image } = result;
    return {
      images: [image.bytes],
      format: result.format,
      model: result.model,
      request: result.request,
      responseFor: () => ({ ...image.response, ...result.extra, width: image.width, height: image.height }),
      headers: image.response.headers,
      flags: { blurred: false, contentViolation: false },
      attempts: image.attempts,
      prompt: result.prompt,
      lineage: result.lineage,
    };
  }
  if (request.endpoint === 'openai') {
    const result = await deps.client.generateOpenAi(toOpenAiRequest(request), apiKey, opts);
    const model = result.response.headers['x-venice-model-id'] ?? result.request.model ?? deps.defaultModel() ?? DEFAULT_MODEL_LABEL;
    return {
      images: [result.bytes],
      format: result.format,
      model,
      request: result.request,
      responseFor: () => ({ ...result.response, flags: result.flags }),
      headers: result.response.headers,
      flags: result.flags,
      attempts: result.attempts ?? 1,
    };
  }
  // Reference images are read (and their hashes checked) now; the image records them by id and hash, not bytes.
  const refs = request.styleReferences ? await loadStyleReferences(deps.library, request.styleReferences) : null;
  const result = await deps.client.generateNative(toNativeRequest(request, refs?.body), apiKey, opts);
  const recorded = refs ? { ...result.request, style_references: refs.recorded } : result.request;
  return {
    images: result.images,
    format: result.format,
    model: result.request.model,
    request: recorded,
    ...(refs ? { lineage: { operation: 'generate' as const, parents: refs.parents, request: recorded, enhancedPrompt: result.response.enhancedPrompt ?? null } } : {}),
    responseFor: (index) => ({ ...result.response, flags: result.flags, variant: index, variants: result.images.length }),
    headers: result.response.headers,
    flags: result.flags,
    attempts: result.attempts ?? 1,
  };
};

const detailsOf = (error: AppError): Record<string, unknown> =>
  typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};

const ended = (status: RunOutcome['status'], error: AppErrorPayload | null, extra: Partial<RunOutcome> = {}): RunOutcome => ({
  status,
  imageIds: [],
  error,
  mayHaveBeenCharged: false,
  attempts: 0,
  headers: null,
  ...extra,
});

/** A failure of the send step → the outcome; the client's `mayHaveBeenCharged` is trusted, unknown means "maybe". */
const sendFailure = (error: unknown, signal: AbortSignal): RunOutcome => {
  if (!isAppError(error)) {
    const internal = new AppError('INTERNAL', 'Something went wrong inside Lagoon while sending. The request may have been charged.');
    return ended('failed', internal.toPayload(), { mayHaveBeenCharged: true, attempts: 1 });
  }
  const details = detailsOf(error);
  const attempts = typeof details.attempts === 'number' ? details.attempts : error.code === 'OFFLINE' ? 0 : 1;
  // The client's checks before sending report 0 attempts: nothing left the machine.
  const charged = typeof details.mayHaveBeenCharged === 'boolean' ? details.mayHaveBeenCharged : attempts > 0 && error.code !== 'OFFLINE';
  if (error.code === 'CANCELLED' || signal.aborted) {
    const message = charged
      ? 'You cancelled this generation. Venice may already have started it, so it may have been charged.'
      : 'You cancelled this generation before it reached Venice. Nothing was charged.';
    const cancelled = new AppError('CANCELLED', message, { mayHaveBeenCharged: charged });
    return ended('cancelled', cancelled.toPayload(), { mayHaveBeenCharged: charged, attempts });
  }
  if (error.code === 'OFFLINE') return ended('waiting_offline', error.toPayload(), { attempts });
  // The edit family refuses content with a 422 instead of a blacked-out image: blocked, as a generation would be.
  if (error.code === 'CONTENT_BLOCKED') return ended('blocked', error.toPayload(), { attempts, mayHaveBeenCharged: false });
  return ended('failed', error.toPayload(), { mayHaveBeenCharged: charged, attempts });
};

export const runJob = async (deps: RunnerDeps, job: Job, signal: AbortSignal, onPhase: (phase: RunPhase) => void): Promise<RunOutcome> => {
  onPhase('preparing');
  let apiKey: string | null;
  try {
    apiKey = await deps.secrets.get();
  } catch (error) {
    const payload = isAppError(error) ? error.toPayload() : { code: 'KEYCHAIN_UNAVAILABLE' as const, message: 'The keychain could not be read.' };
    return ended('failed', payload);
  }
  if (!apiKey) return ended('failed', { code: 'KEY_MISSING', message: 'No Venice API key is stored yet. Add one in Settings.' });
  registerSecret(apiKey);
  if (signal.aborted) return ended('cancelled', { code: 'CANCELLED', message: 'You cancelled this generation before it was sent.' });

  onPhase('sending');
  let generated: Generated;
  try {
    generated = await send(deps, job, apiKey, signal);
  } catch (error) {
    return sendFailure(error, signal);
  }
  const answered = { attempts: generated.attempts, headers: generated.headers };
  // Venice did the work, but the user had already said no: nothing is stored.
  if (signal.aborted) {
    const error = { code: 'CANCELLED' as const, message: 'You cancelled this generation; Venice had already made it, so it may have been charged.' };
    return ended('cancelled', error, { ...answered, mayHaveBeenCharged: true });
  }
  if (generated.flags.contentViolation) {
    const error = {
      code: 'CONTENT_BLOCKED' as const,
      message: 'Venice blocked this image under its content policy. Nothing was stored and it was not charged; try a different prompt.',
    };
    return ended('blocked', error, answered);
  }

  onPhase('storing');
  const imageIds: string[] = [];
  const priceUsd = deps.priceFor(job.request);
  try {
    for (const [index, bytes] of generated.images.entries()) {
      const input: IngestInput = {
        bytes,
        format: generated.format,
        prompt: generated.prompt ?? job.request.prompt,
        model: generated.model,
        endpoint: job.request.endpoint,
        request: generated.request,
        response: generated.responseFor(index),
        jobId: job.id,
        blurred: generated.flags.blurred,
        priceUsd,
        ...(generated.lineage ? { alsoInsert: (db: Database, id: string) => insertLineage(db, id, generated.lineage as LineageRecord) } : {}),
      };
      imageIds.push((await deps.library.ingest(input)).id);
    }
  } catch (error) {
    const payload = isAppError(error) ? error.toPayload() : { code: 'STORAGE_FAILED' as const, message: 'The image could not be saved.' };
    // Paid-for images already stored stay; the job says what is missing.
    return ended('failed', payload, { ...answered, imageIds, mayHaveBeenCharged: true });
  }
  return ended('done', null, { ...answered, imageIds });
};

import type { z } from 'zod';
import { AppError, isAppError } from '../../../shared/errors.ts';
import { readImageAnswer, type ExpectedAnswer, type ImageAnswer } from './binaryAnswer.ts';
import type { InputImage } from './inputImage.ts';
import { buildMultipart, type FilePart } from './multipartBody.ts';
import { checkedRequest, enhancedPromptOf } from './requestCheck.ts';
import { resolveRetryPolicy, withAttempts, withRetry, type RetryOptions } from './retry.ts';
import { assertSendableKey, keptHeaders, withoutKey, type Transport } from './transport.ts';

/**
 * One request of the edit family, under the same rules as generation: the body is checked before anything is
 * sent, only what provably cost nothing is retried (retry.ts), and the answer is trusted only once it is the
 * image asked for (binaryAnswer.ts). The body is multipart, built once and reused by any retry.
 */
export interface IterateCallOptions {
  signal?: AbortSignal;
  /** `false` sends exactly once; default: retry 429/503/never-sent like generation. */
  retry?: RetryOptions | false;
}

export interface IteratedImage extends ImageAnswer {
  /** The body exactly as sent, with each input image named (sha256) instead of its bytes. */
  request: Record<string, unknown>;
  response: {
    durationMs: number;
    /** x-venice-*, x-ratelimit-*, cf-ray. */
    headers: Record<string, string>;
    /** `x-venice-enhanced-prompt`, URL-decoded, when Venice rewrote the prompt. */
    enhancedPrompt: string | null;
  };
  attempts: number;
}

export interface IterateSend {
  path: string;
  fields: Record<string, string | number | boolean | undefined>;
  files: readonly FilePart[];
  expected: ExpectedAnswer;
  /** What is recorded as "the request as sent". */
  record: Record<string, unknown>;
}

/** How an input is named in a recorded request: never its bytes. */
export const inputName = (input: InputImage): string => `sha256:${input.sha256}`;

/** Checks a body before anything is sent (a refusal counts no attempt). */
export const checkedBody = <T>(schema: z.ZodType<T>, body: unknown): T => {
  try {
    return checkedRequest(schema, body);
  } catch (error) {
    throw withAttempts(error, 0);
  }
};

/** The edit family refuses content with a 422 (ContentViolationError); Venice did not make or bill an image. */
const asContentRefusal = (error: unknown): unknown => {
  if (!isAppError(error)) return error;
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as Record<string, unknown>;
  const said = typeof details.veniceError === 'string' ? details.veniceError : '';
  if (details.status !== 422 || !/content policy|violat/i.test(said)) return error;
  return new AppError('CONTENT_BLOCKED', `Venice refused this under its content policy. Nothing was stored and it was not charged. Venice said: "${said}"`, {
    ...details,
    mayHaveBeenCharged: false,
  });
};

export const sendForImage = async (transport: Transport, send: IterateSend, apiKey: string, opts: IterateCallOptions = {}): Promise<IteratedImage> => {
  const { signal } = opts;
  try {
    try {
      assertSendableKey(apiKey);
      if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled before it was sent.', { mayHaveBeenCharged: false });
    } catch (error) {
      throw withAttempts(error, 0);
    }
    const body = buildMultipart(send.fields, send.files);
    const policy = resolveRetryPolicy(opts.retry);
    const { value, attempts } = await withRetry(
      async () => {
        if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled before it was sent.', { mayHaveBeenCharged: false });
        const exchange = await transport.exchange(send.path, { apiKey, body, accept: 'image/*, application/json', now: policy.now, ...(signal ? { signal } : {}) });
        return { exchange, answer: await readImageAnswer(exchange, send.expected) };
      },
      policy,
      signal,
    );
    const { exchange, answer } = value;
    return {
      ...answer,
      request: send.record,
      response: { durationMs: exchange.durationMs, headers: keptHeaders(exchange.headers), enhancedPrompt: enhancedPromptOf(exchange.headers) },
      attempts,
    };
  } catch (error) {
    throw withoutKey(asContentRefusal(error), apiKey);
  }
};

import type { ModelInfo } from '../../../shared/models.ts';
import type { AccountInfo } from '../venice/accountInfo.ts';
import type { RetryOptions } from '../venice/retry.ts';
import type { ImageFormat, NativeImageRequest, OpenAiImageRequest } from '../../../shared/venice.ts';

/**
 * What the queue and the catalogue need from the Venice client, stated structurally so they can be tested with a
 * small double where a test is about queue logic, and so the real client (venice/client.ts) satisfies it as is.
 */

/** The client's own retry policy (venice/retry.ts without its injected clock); `false` sends exactly once. */
export type ClientRetry = Omit<RetryOptions, 'sleep' | 'random' | 'now'> | false;

interface CallOptions {
  signal?: AbortSignal;
  retry?: ClientRetry;
}

/** Venice still answers 200 when it blurred the image or blacked it out for a policy violation. */
export interface GenerationFlags {
  blurred: boolean;
  contentViolation: boolean;
}

export interface OpenAiGeneration {
  bytes: Buffer;
  format: ImageFormat;
  /** The exact body sent (the key travels only in the Authorization header). */
  request: OpenAiImageRequest;
  /** `headers` keeps only x-venice-*, x-ratelimit-* and cf-ray. */
  response: { created: number; durationMs: number; headers: Record<string, string> };
  flags: GenerationFlags;
  /** HTTP attempts the client made: 1 + its own automatic retries. */
  attempts?: number;
}

export interface NativeGeneration {
  /** One per variant, each magic-number checked against `format`. */
  images: Buffer[];
  format: ImageFormat;
  /** Exactly as sent (no key). */
  request: NativeImageRequest;
  response: {
    id: string | null;
    durationMs: number;
    timing: unknown;
    echoedRequest: unknown;
    /** `x-venice-enhanced-prompt`, URL-decoded, when Venice rewrote the prompt. */
    enhancedPrompt?: string | null;
    headers: Record<string, string>;
  };
  flags: GenerationFlags;
  attempts?: number;
}

export interface GenerationClient {
  generateOpenAi(request: OpenAiImageRequest, apiKey: string, opts?: CallOptions): Promise<OpenAiGeneration>;
  generateNative(request: NativeImageRequest, apiKey: string, opts?: CallOptions): Promise<NativeGeneration>;
}

export interface CatalogClient {
  listModels(opts?: CallOptions): Promise<ModelInfo[]>;
  listStyles(opts?: CallOptions): Promise<string[]>;
  getTraits(opts?: CallOptions): Promise<Record<string, string>>;
}

export interface AccountClient {
  /** Venice's free, authenticated account call: a wrong key fails with AUTH_REJECTED (HTTP 401). */
  accountInfo(opts: { apiKey: string; signal?: AbortSignal }): Promise<AccountInfo>;
}

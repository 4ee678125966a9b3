import type { EditModelInfo, IterateJobRequest, Operation, ParentRole } from '../../../shared/iterate.ts';
import { ITERATE_LIMITS } from '../../../shared/iterate.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import type { Library } from '../library/library.ts';
import type { IterateClient } from '../venice/iterateClient.ts';
import type { IterateCallOptions, IteratedImage } from '../venice/iterateExchange.ts';
import type { LineageRecord } from './lineageStore.ts';
import { describeInput, loadInputs, type LoadedInput } from './loadInputs.ts';

/**
 * One queued edit-family job, sent: its inputs loaded and checked, the operation's request made, and what comes
 * back described for the library (the image, the request as sent with inputs named, the lineage to record).
 */
export interface IterateDeps {
  client: IterateClient;
  library: Library;
  /** The cached edit catalogue (for multi-edit's maxInputImages); may be empty offline. */
  editModels(): readonly EditModelInfo[];
}

export interface IterateResult {
  image: IteratedImage;
  format: ImageFormat;
  model: string;
  /** The request as sent, each input named by library id (or file name) and sha256. */
  request: Record<string, unknown>;
  /** The prompt stored on the image: the job's, or for prompt-less operations the base image's own. */
  prompt: string;
  lineage: LineageRecord;
  /** Extra facts for the stored response (the upscale plan). */
  extra: Record<string, unknown>;
}

const OPERATION: Record<IterateJobRequest['endpoint'], Operation> = {
  edit: 'edit',
  combine: 'combine',
  upscale: 'upscale',
  'remove-background': 'remove-background',
};

const roleOf = (endpoint: IterateJobRequest['endpoint'], index: number): ParentRole => {
  if (endpoint === 'combine') return index === 0 ? 'base' : 'layer';
  return endpoint === 'edit' ? 'base' : 'source';
};

/** Replaces the client's `sha256:…` names in the recorded request by the inputs' descriptions. */
const named = (record: Record<string, unknown>, inputs: readonly LoadedInput[]): Record<string, unknown> => {
  const bySha = new Map(inputs.map((i) => [`sha256:${i.sha256}`, describeInput(i)]));
  const swap = (v: unknown): unknown => (typeof v === 'string' && bySha.has(v) ? bySha.get(v) : Array.isArray(v) ? v.map(swap) : v);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, swap(v)]));
};

const call = async (deps: IterateDeps, request: IterateJobRequest, inputs: LoadedInput[], apiKey: string, opts: IterateCallOptions) => {
  const [first] = inputs as [LoadedInput];
  switch (request.endpoint) {
    case 'edit':
    case 'combine': {
      const options = {
        prompt: request.prompt,
        ...(request.aspectRatio ? { aspect_ratio: request.aspectRatio } : {}),
        ...(request.resolution ? { resolution: request.resolution } : {}),
        ...(request.format ? { output_format: request.format } : {}),
        ...(request.enhancePrompt ? { enhance_prompt: true } : {}),
        safe_mode: request.safeMode,
      };
      if (request.endpoint === 'edit') return { image: await deps.client.edit({ model: request.model, ...options }, first, apiKey, opts), model: request.model };
      const max = deps.editModels().find((m) => m.id === request.model)?.maxInputImages ?? ITERATE_LIMITS.defaultMaxInputImages;
      return { image: await deps.client.combine({ modelId: request.model, ...options }, inputs, max, apiKey, opts), model: request.model };
    }
    case 'upscale': {
      const body = { scale: request.scale, ...(request.creativity === undefined ? {} : { creativity: request.creativity }) };
      const image = await deps.client.upscale(body, first, apiKey, opts);
      return { image, model: 'upscaler', extra: { upscale: image.plan } };
    }
    case 'remove-background':
      return { image: await deps.client.removeBackground(first, apiKey, opts), model: 'bria-bg-remover' };
  }
};

export const sendIterate = async (deps: IterateDeps, request: IterateJobRequest, apiKey: string, opts: IterateCallOptions): Promise<IterateResult> => {
  const inputs = await loadInputs(deps.library, request.inputs);
  const sent = await call(deps, request, inputs, apiKey, opts);
  const requestRecord = named(sent.image.request, inputs);
  const baseImage = inputs[0]?.ref.kind === 'library' ? deps.library.get(inputs[0].ref.id) : null;
  return {
    image: sent.image,
    format: sent.image.format,
    model: sent.model,
    request: requestRecord,
    prompt: request.prompt || baseImage?.prompt || '',
    lineage: {
      operation: OPERATION[request.endpoint],
      parents: inputs.map((input, i) => ({ id: input.ref.kind === 'library' ? input.ref.id : null, sha256: input.sha256, role: roleOf(request.endpoint, i) })),
      request: requestRecord,
      enhancedPrompt: sent.image.response.enhancedPrompt,
    },
    extra: sent.extra ?? {},
  };
};

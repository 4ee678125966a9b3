import { AppError } from '../../../shared/errors.ts';
import type { GenerateInput } from '../../../shared/ipc/schemas/generation.ts';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import type { OpenAiImageRequest } from '../../../shared/venice.ts';
import type { EventBus } from '../events/eventBus.ts';
import type { Library } from '../library/library.ts';
import { registerSecret } from '../log.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import type { VeniceClient } from '../venice/client.ts';

export interface GenerationService {
  generate(input: GenerateInput, opts?: { signal?: AbortSignal }): Promise<ImageDetail>;
}

/** Venice's OpenAI-compatible route picks its default model when none is named; the row still needs a name. */
const DEFAULT_MODEL_LABEL = 'default';

export const toOpenAiRequest = (input: GenerateInput): OpenAiImageRequest => ({
  prompt: input.prompt,
  ...(input.model ? { model: input.model } : {}),
  n: 1,
  size: input.size,
  output_format: input.outputFormat,
  moderation: input.moderation,
  response_format: 'b64_json',
});

/** Key → Venice → library: the image is acknowledged only once its file, thumbnail and row are committed. */
export const createGenerationService = (deps: {
  secrets: SecretStore;
  client: VeniceClient;
  library: Library;
  events: EventBus;
}): GenerationService => ({
  async generate(input, opts) {
    const apiKey = await deps.secrets.get();
    if (!apiKey) throw new AppError('KEY_MISSING', 'No Venice API key is stored yet. Add one in Settings.');
    registerSecret(apiKey);
    const result = await deps.client.generateOpenAi(toOpenAiRequest(input), apiKey, opts);
    if (result.flags.contentViolation) {
      throw new AppError('CONTENT_BLOCKED', 'Venice blocked this image under its content policy. Nothing was stored; try a different prompt.');
    }
    const detail = await deps.library.ingest({
      bytes: result.bytes,
      format: result.format,
      prompt: input.prompt,
      model: result.response.headers['x-venice-model-id'] ?? result.request.model ?? DEFAULT_MODEL_LABEL,
      endpoint: 'openai',
      request: result.request,
      response: { ...result.response, flags: result.flags },
    });
    deps.events.emit('images.changed', { reason: 'added', ids: [detail.id] });
    return detail;
  },
});

import { AppError, isAppError } from '../../../shared/errors.ts';
import type { EditModelInfo, IteratePrices, VeniceEditBody, VeniceMultiEditBody, VeniceUpscaleBody } from '../../../shared/iterate.ts';
import { combineImages } from './combineImages.ts';
import { parseEditModels, parseIteratePrices } from './editCatalog.ts';
import { editImage } from './editImage.ts';
import { invalidResponse } from './httpErrors.ts';
import type { InputImage } from './inputImage.ts';
import type { IterateCallOptions, IteratedImage } from './iterateExchange.ts';
import { removeBackground } from './removeBackground.ts';
import { createTransport, jsonOf, type TransportOptions } from './transport.ts';
import { upscaleImage, type UpscaledImage } from './upscaleImage.ts';

/**
 * The edit family's door to Venice, beside the generation client (client.ts) and sharing its transport rules:
 * one module per operation, each checking its input and its answer.
 */
export interface IterateClient {
  edit(body: VeniceEditBody, input: InputImage, apiKey: string, opts?: IterateCallOptions): Promise<IteratedImage>;
  combine(body: VeniceMultiEditBody, inputs: readonly InputImage[], maxInputImages: number, apiKey: string, opts?: IterateCallOptions): Promise<IteratedImage>;
  upscale(body: VeniceUpscaleBody, input: InputImage, apiKey: string, opts?: IterateCallOptions): Promise<UpscaledImage>;
  removeBackground(input: InputImage, apiKey: string, opts?: IterateCallOptions): Promise<IteratedImage>;
  listEditModels(opts?: { signal?: AbortSignal }): Promise<EditModelInfo[]>;
  iteratePrices(opts?: { signal?: AbortSignal }): Promise<IteratePrices>;
}

const LOOKUP_TIMEOUT_MS = 30_000;

export const createIterateClient = (opts: TransportOptions): IterateClient => {
  const transport = createTransport(opts);
  const lookup = async <T>(path: string, what: string, parse: (json: unknown) => T | null, signal?: AbortSignal): Promise<T> => {
    try {
      const exchange = await transport.exchange(path, { apiKey: null, timeoutMs: LOOKUP_TIMEOUT_MS, ...(signal ? { signal } : {}) });
      const parsed = parse(jsonOf(exchange));
      if (parsed === null) throw invalidResponse(`Venice sent ${what} in a shape Lagoon cannot read.`);
      return parsed;
    } catch (error) {
      // A GET costs nothing: the generation wording ("may have been charged") would mislead.
      if (!isAppError(error)) throw error;
      throw new AppError(error.code, `Lagoon could not load ${what} from Venice.`, { mayHaveBeenCharged: false, cause: error.message });
    }
  };
  return {
    edit: (body, input, apiKey, callOpts) => editImage(transport, body, input, apiKey, callOpts),
    combine: (body, inputs, max, apiKey, callOpts) => combineImages(transport, body, inputs, max, apiKey, callOpts),
    upscale: (body, input, apiKey, callOpts) => upscaleImage(transport, body, input, apiKey, callOpts),
    removeBackground: (input, apiKey, callOpts) => removeBackground(transport, input, apiKey, callOpts),
    listEditModels: (o) => lookup('/models?type=inpaint', 'the edit models', parseEditModels, o?.signal),
    iteratePrices: (o) => lookup('/models?type=upscale', 'the upscale prices', parseIteratePrices, o?.signal),
  };
};

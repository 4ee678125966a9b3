import type { Library } from '../../../src/main/core/library/library.ts';
import type { ImageFormat } from '../../../src/shared/venice.ts';
import { makeImage } from '../fixtures/transferImages.ts';

let nextPattern = 1000;

/**
 * Stores a real image (a new pixel pattern each time, so no two hash alike) as if Venice's native route had made it
 * for `prompt`, with `request` added to the recorded request; returns its id.
 */
export const ingestNative = async (
  library: Library,
  { format = 'png', prompt = 'a lagoon at dawn', request = {} }: { format?: ImageFormat; prompt?: string; request?: Record<string, unknown> } = {},
): Promise<string> =>
  (await library.ingest({
    bytes: await makeImage(format, { seed: ++nextPattern }),
    format,
    prompt,
    model: 'venice-sd35',
    endpoint: 'native',
    request: { model: 'venice-sd35', prompt, ...request, format },
    response: { variant: 0 },
  })).id;

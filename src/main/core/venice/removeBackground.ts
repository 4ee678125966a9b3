import type { InputImage } from './inputImage.ts';
import { inputName, sendForImage, type IterateCallOptions, type IteratedImage } from './iterateExchange.ts';
import type { Transport } from './transport.ts';

/** `POST /image/background-remove`: a PNG of the same size, with an alpha channel. */
export const removeBackground = (transport: Transport, input: InputImage, apiKey: string, opts?: IterateCallOptions): Promise<IteratedImage> =>
  sendForImage(
    transport,
    {
      path: '/image/background-remove',
      fields: {},
      files: [{ name: 'image', bytes: input.bytes, format: input.format }],
      expected: { format: 'png', size: { width: input.width, height: input.height }, alpha: true },
      record: { image: inputName(input) },
    },
    apiKey,
    opts,
  );

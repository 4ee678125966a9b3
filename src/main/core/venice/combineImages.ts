import { AppError } from '../../../shared/errors.ts';
import { defaultEditFormat, zVeniceMultiEditBody, type VeniceMultiEditBody } from '../../../shared/iterate.ts';
import { editRatio } from './editImage.ts';
import type { InputImage } from './inputImage.ts';
import { checkedBody, inputName, sendForImage, type IterateCallOptions, type IteratedImage } from './iterateExchange.ts';
import { withAttempts } from './retry.ts';
import type { Transport } from './transport.ts';

/**
 * `POST /image/multi-edit`: several images combined by a prompt. The first is the base (it sets the shape); the
 * order is the caller's and is sent as is, as repeated `images` parts.
 */
export const combineImages = async (
  transport: Transport,
  body: VeniceMultiEditBody,
  inputs: readonly InputImage[],
  maxInputImages: number,
  apiKey: string,
  opts?: IterateCallOptions,
): Promise<IteratedImage> => {
  const checked = checkedBody(zVeniceMultiEditBody, body);
  const [base] = inputs;
  if (!base || inputs.length > maxInputImages) {
    throw withAttempts(new AppError('INVALID_INPUT', `This model combines 1 to ${maxInputImages} images; ${inputs.length} were given. Nothing was sent.`), 0);
  }
  const format = checked.output_format ?? defaultEditFormat(checked.resolution);
  const sent = { ...checked, output_format: format };
  return sendForImage(
    transport,
    {
      path: '/image/multi-edit',
      fields: sent,
      files: inputs.map((input) => ({ name: 'images', bytes: input.bytes, format: input.format })),
      expected: { format, ratio: editRatio(checked.aspect_ratio, base) },
      record: { ...sent, images: inputs.map(inputName) },
    },
    apiKey,
    opts,
  );
};

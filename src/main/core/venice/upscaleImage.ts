import { AppError } from '../../../shared/errors.ts';
import { planUpscale, zVeniceUpscaleBody, type UpscalePlan, type VeniceUpscaleBody } from '../../../shared/iterate.ts';
import type { InputImage } from './inputImage.ts';
import { checkedBody, inputName, sendForImage, type IterateCallOptions, type IteratedImage } from './iterateExchange.ts';
import { withAttempts } from './retry.ts';
import type { Transport } from './transport.ts';

export interface UpscaledImage extends IteratedImage {
  /** What was planned before sending: the factor Venice uses, lowered when the result would be too large. */
  plan: UpscalePlan;
}

/**
 * `POST /image/upscale`: 2× or 4×, PNG. The result size is known before sending; when the asked factor would pass
 * 16,777,216 pixels Venice lowers it, and so does the plan (`clamped`), so the caller can say so. An unclamped
 * result must be exactly factor× each edge; a clamped one must at least have grown and kept its shape.
 */
export const upscaleImage = async (
  transport: Transport,
  body: VeniceUpscaleBody,
  input: InputImage,
  apiKey: string,
  opts?: IterateCallOptions,
): Promise<UpscaledImage> => {
  const checked = checkedBody(zVeniceUpscaleBody, body);
  const plan = planUpscale(input.width, input.height, checked.scale);
  if (!plan) {
    const message = `${input.width}×${input.height} is too large to upscale: the result would pass 16,777,216 pixels. Nothing was sent.`;
    throw withAttempts(new AppError('INVALID_INPUT', message, { problem: 'too_large_to_upscale' }), 0);
  }
  const expected = plan.clamped
    ? { format: 'png' as const, ratio: input.width / input.height, largerThan: input }
    : { format: 'png' as const, size: plan, largerThan: input };
  const result = await sendForImage(
    transport,
    {
      path: '/image/upscale',
      fields: checked,
      files: [{ name: 'image', bytes: input.bytes, format: input.format }],
      expected,
      record: { ...checked, image: inputName(input) },
    },
    apiKey,
    opts,
  );
  return { ...result, plan };
};

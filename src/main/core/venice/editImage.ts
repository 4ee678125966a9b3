import { defaultEditFormat, zVeniceEditBody, type VeniceEditBody } from '../../../shared/iterate.ts';
import type { InputImage } from './inputImage.ts';
import { checkedBody, inputName, sendForImage, type IterateCallOptions, type IteratedImage } from './iterateExchange.ts';
import type { Transport } from './transport.ts';

/** The width/height ratio an edit renders: the input's own for `auto` (the default), else the one named. */
export const editRatio = (aspectRatio: string | undefined, base: { width: number; height: number }): number => {
  const [w, h] = (aspectRatio ?? 'auto').split(':').map(Number);
  return aspectRatio && aspectRatio !== 'auto' && w && h ? w / h : base.width / base.height;
};

/** `POST /image/edit`: one image changed by a prompt. The format is always named, so the magic check is honest. */
export const editImage = async (transport: Transport, body: VeniceEditBody, input: InputImage, apiKey: string, opts?: IterateCallOptions): Promise<IteratedImage> => {
  const checked = checkedBody(zVeniceEditBody, body);
  const format = checked.output_format ?? defaultEditFormat(checked.resolution);
  const sent = { ...checked, output_format: format };
  return sendForImage(
    transport,
    {
      path: '/image/edit',
      fields: sent,
      files: [{ name: 'image', bytes: input.bytes, format: input.format }],
      expected: { format, ratio: editRatio(checked.aspect_ratio, input) },
      record: { ...sent, image: inputName(input) },
    },
    apiKey,
    opts,
  );
};

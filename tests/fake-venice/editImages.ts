import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { InputImage } from './editInputs.ts';
import { encode, overlaySvg } from './images.ts';
import type { OutputFormat } from './openAiSchema.ts';

/**
 * Real results for the edit family, made with sharp from the real inputs, so a client's checks (format, size,
 * alpha) have something true to check: an edit is its input re-framed with the prompt's own marks drawn on it,
 * a combination is the base with the other images inset in order, an upscale is a Lanczos resize, and a
 * background removal makes the pixels close to the top-left corner's colour transparent.
 */

const hashOf = (text: string): Buffer => createHash('sha256').update(text).digest();

/** `input` re-framed to width×height with the prompt's disc and bar drawn on top. */
export const renderEdit = async (input: InputImage, size: { width: number; height: number }, format: OutputFormat, prompt: string): Promise<Buffer> => {
  const { width, height } = size;
  const framed = await sharp(input.bytes).resize(width, height, { fit: 'cover' }).png({ compressionLevel: 0 }).toBuffer();
  return encode(sharp(framed).composite([{ input: overlaySvg(width, height, hashOf(prompt)), top: 0, left: 0 }]).flatten(), format);
};

/** The base framed like an edit, the other images as insets along the bottom edge, left to right in order. */
export const renderCombine = async (
  inputs: readonly InputImage[],
  size: { width: number; height: number },
  format: OutputFormat,
  prompt: string,
): Promise<Buffer> => {
  const [base, ...layers] = inputs;
  if (!base) throw new Error('renderCombine needs a base image');
  const { width, height } = size;
  const inset = Math.max(16, Math.floor(Math.min(width, height) / 4));
  const insets = await Promise.all(
    layers.map(async (layer, i) => ({
      input: await sharp(layer.bytes).resize(inset, inset, { fit: 'cover' }).png().toBuffer(),
      left: Math.min(width - inset, i * inset),
      top: height - inset,
    })),
  );
  const framed = await sharp(base.bytes).resize(width, height, { fit: 'cover' }).png({ compressionLevel: 0 }).toBuffer();
  const marked = await sharp(framed)
    .composite([{ input: overlaySvg(width, height, hashOf(prompt)), top: 0, left: 0 }, ...insets])
    .png({ compressionLevel: 0 })
    .toBuffer();
  return encode(sharp(marked).flatten(), format);
};

export const renderUpscale = (input: InputImage, size: { width: number; height: number }): Promise<Buffer> =>
  sharp(input.bytes, { limitInputPixels: false }).resize(size.width, size.height, { kernel: 'lanczos3' }).png({ compressionLevel: 1 }).toBuffer();

/** Distance (sum of channel differences) under which a pixel counts as background. */
const BACKGROUND_TOLERANCE = 48;

export const renderCutout = async (input: InputImage): Promise<Buffer> => {
  const { data, info } = await sharp(input.bytes, { limitInputPixels: false }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const [r, g, b] = [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
  for (let i = 0; i < data.length; i += 4) {
    const distance = Math.abs((data[i] ?? 0) - r) + Math.abs((data[i + 1] ?? 0) - g) + Math.abs((data[i + 2] ?? 0) - b);
    if (distance < BACKGROUND_TOLERANCE) data[i + 3] = 0;
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer();
};

/** `[fail:noalpha]`: a background removal that forgot the alpha channel. */
export const renderOpaque = (input: InputImage): Promise<Buffer> => sharp(input.bytes).flatten().removeAlpha().png().toBuffer();

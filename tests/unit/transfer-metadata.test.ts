import { crc32 } from 'node:zlib';
import exifReader from 'exif-reader';
import extractChunks from 'png-chunks-extract';
import { decode as decodeText } from 'png-chunk-text';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { buildA1111Parameters, parseA1111Parameters } from '../../src/main/core/transfer/a1111.ts';
import { comfySettings, parseComfyJson } from '../../src/main/core/transfer/comfy.ts';
import { buildParameters, type EmbedSource, embedMetadata, readEmbedded, stripMetadata } from '../../src/main/core/transfer/metadata.ts';
import { COMFY_PROMPT, formatOf, makeImage } from './fixtures/transferImages.ts';

const PROMPT = 'a lagoon at dawn, 🌅 "misty" <calm> & still\nsecond line </lagoon:request> ]]>';

const source = (format: 'png' | 'jpeg' | 'webp', overrides: Partial<EmbedSource> = {}): EmbedSource => ({
  id: '3b0d8c1e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
  createdAt: Date.UTC(2025, 4, 6, 7, 8, 9),
  prompt: PROMPT,
  model: 'venice-sd35',
  endpoint: 'native',
  width: 48,
  height: 32,
  format,
  sha256: 'ab'.repeat(32),
  request: { model: 'venice-sd35', prompt: PROMPT, negative_prompt: 'blurry, low: quality', seed: 1234, steps: 25, cfg_scale: 6.5, style_preset: 'Cinematic', format },
  response: { variant: 0, durationMs: 1500 },
  ...overrides,
});

/** A PNG reader written from the spec: signature, then length/type/data/CRC records from IHDR to IEND. */
const walkPng = (bytes: Buffer): Array<{ type: string; data: Buffer }> => {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Array<{ type: string; data: Buffer }> = [];
  let at = 8;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(at).toBe(bytes.length);
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  return chunks;
};

/** tEXt: keyword NUL Latin-1 text. iTXt: keyword NUL flag method lang NUL translated NUL UTF-8 text. */
const textChunks = (chunks: Array<{ type: string; data: Buffer }>): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const { type, data } of chunks) {
    if (type !== 'tEXt' && type !== 'iTXt') continue;
    const keyEnd = data.indexOf(0);
    const keyword = data.toString('latin1', 0, keyEnd);
    let text: string;
    if (type === 'tEXt') text = data.toString('latin1', keyEnd + 1);
    else {
      expect(data[keyEnd + 1], 'uncompressed iTXt').toBe(0);
      const langEnd = data.indexOf(0, keyEnd + 3);
      const translatedEnd = data.indexOf(0, langEnd + 1);
      text = data.toString('utf8', translatedEnd + 1);
    }
    (out[keyword] ??= []).push(text);
  }
  return out;
};

const pixels = async (bytes: Buffer) => sharp(bytes).raw().toBuffer();

describe('embedding metadata', () => {
  it('PNG: an A1111 parameters chunk and an XMP iTXt, read back by the chunk library, a spec-walker and libvips', async () => {
    const original = await makeImage('png');
    const exported = embedMetadata(original, source('png'));
    const expected = buildParameters(source('png'));
    expect(expected).toBe(
      `${PROMPT}\nNegative prompt: blurry, low: quality\nSteps: 25, CFG scale: 6.5, Seed: 1234, Size: 48x32, Model: venice-sd35, Style preset: Cinematic`,
    );

    const walked = textChunks(walkPng(exported));
    expect(walked.parameters).toEqual([expected]);
    expect(walked['XML:com.adobe.xmp']).toHaveLength(1);
    // The prompt has an emoji, so it cannot be tEXt: the chunk library sees it as an iTXt right after IHDR.
    const chunks = extractChunks(exported);
    expect(chunks.map((c) => c.name).slice(0, 3)).toEqual(['IHDR', 'iTXt', 'iTXt']);
    const meta = await sharp(exported).metadata();
    expect(meta.comments).toEqual([{ keyword: 'parameters', text: expected }]);
    expect(meta.xmpAsString).toContain('<lagoon:model>venice-sd35</lagoon:model>');
    expect(await pixels(exported)).toEqual(await pixels(original));
  });

  it('PNG: a Latin-1 prompt goes into a tEXt chunk that png-chunk-text decodes', async () => {
    const latin = source('png', { prompt: 'café au lait, Größe', request: { prompt: 'café au lait, Größe', model: 'm' } });
    const exported = embedMetadata(await makeImage('png'), latin);
    const parameters = extractChunks(exported).filter((c) => c.name === 'tEXt').map((c) => decodeText(c.data));
    expect(parameters).toEqual([{ keyword: 'parameters', text: 'café au lait, Größe\nSize: 48x32, Model: venice-sd35' }]);
  });

  it.each(['jpeg', 'webp', 'webp-alpha', 'webp-lossless', 'webp-lossless-alpha'] as const)(
    '%s: XMP and EXIF that libvips and exif-reader read, pixels untouched',
    async (variant) => {
      const format = formatOf(variant);
      const original = await makeImage(variant);
      const exported = embedMetadata(original, source(format));
      const meta = await sharp(exported).metadata();
      expect(meta.format).toBe(format);
      expect(meta.hasAlpha).toBe(variant.endsWith('alpha'));
      expect(meta.xmpAsString).toContain('<rdf:li xml:lang="x-default">a lagoon at dawn, 🌅 &quot;misty&quot; &lt;calm&gt; &amp; still\nsecond line &lt;/lagoon:request&gt; ]]&gt;</rdf:li>');
      expect(meta.xmpAsString).toContain('<lagoon:request>{&quot;model&quot;:&quot;venice-sd35&quot;');
      const exif = exifReader(meta.exif!);
      const description: unknown = exif.Image?.ImageDescription;
      // exif-reader hands back non-ASCII "ASCII" values as raw bytes; they are UTF-8.
      expect(Buffer.isBuffer(description) ? description.toString('utf8').replace(/\0$/u, '') : description).toBe(PROMPT);
      expect(exif.Image?.Software).toBe('Lagoon');
      const comment = exif.Photo!.UserComment as unknown as Buffer;
      expect(comment.subarray(0, 8).toString('latin1')).toBe('UNICODE\0');
      expect(comment.subarray(8).swap16().toString('utf16le')).toBe(buildParameters(source(format)));
      expect(await pixels(exported)).toEqual(await pixels(original));
    },
  );

  it('replaces an earlier copy instead of adding a second one', async () => {
    const parameterChunks: number[] = [];
    for (const variant of ['png', 'jpeg', 'webp'] as const) {
      const once = embedMetadata(await makeImage(variant), source(variant));
      const twice = embedMetadata(once, source(variant, { model: 'other-model' }));
      const xmp = (await sharp(twice).metadata()).xmpAsString ?? '';
      expect(xmp.match(/<x:xmpmeta/gu)).toHaveLength(1);
      expect(xmp).toContain('<lagoon:model>other-model</lagoon:model>');
      if (variant === 'png') parameterChunks.push(textChunks(walkPng(twice)).parameters?.length ?? 0);
    }
    expect(parameterChunks).toEqual([1]);
  });

  it('keeps a JPEG upright: an EXIF orientation survives both embedding and stripping', async () => {
    const rotated = await makeImage('jpeg', { edit: (s) => s.withMetadata({ orientation: 6 }) });
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const exported = embedMetadata(rotated, source('jpeg'));
    expect((await sharp(exported).metadata()).orientation).toBe(6);
    const stripped = stripMetadata(exported, 'jpeg');
    const meta = await sharp(stripped).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.xmp).toBeUndefined();
    expect(exifReader(meta.exif!).Photo).toBeUndefined();
  });

  it('JPEG: a request too big for one APP1 segment is left out of the XMP, the prompt stays', async () => {
    const big = source('jpeg', { request: { prompt: PROMPT, model: 'venice-sd35', padding: 'x'.repeat(70_000) } });
    const exported = embedMetadata(await makeImage('jpeg'), big);
    const read = readEmbedded(exported);
    expect(read.lagoon?.request).toBeUndefined();
    expect(read.lagoon?.prompt).toBe(PROMPT);
    expect((await sharp(exported).metadata()).xmpAsString).toContain('<lagoon:id>');
  });

  it('refuses to embed a record carrying a credential, and bytes that are not the stated format', async () => {
    const png = await makeImage('png');
    expect(() => embedMetadata(png, source('png', { request: { prompt: 'x', authorization: 'Bearer sk-canary' } }))).toThrow(AppError);
    expect(() => embedMetadata(png, source('jpeg'))).toThrow(/Not a jpeg/u);
  });
});

describe('stripping metadata', () => {
  it.each(['png', 'png-alpha', 'jpeg', 'webp', 'webp-alpha', 'webp-lossless', 'webp-lossless-alpha'] as const)(
    '%s: no XMP, EXIF, text or comment left, same pixels, and the prompt is nowhere in the bytes',
    async (variant) => {
      const format = formatOf(variant);
      const original = await makeImage(variant);
      const exported = embedMetadata(original, source(format));
      const stripped = stripMetadata(exported, format);
      const meta = await sharp(stripped).metadata();
      expect(meta.xmp).toBeUndefined();
      expect(meta.exif).toBeUndefined();
      expect(meta.comments ?? []).toEqual([]);
      expect(readEmbedded(stripped)).toEqual({});
      for (const needle of ['lagoon', 'venice-sd35', 'dawn', 'Steps:']) {
        expect(stripped.includes(Buffer.from(needle, 'latin1')), needle).toBe(false);
        expect(stripped.includes(Buffer.from(needle, 'utf16le').swap16()), `${needle} (UTF-16BE)`).toBe(false);
      }
      // PNG: exactly the original's chunks come back (sharp writes no text chunks of its own).
      const chunkTypes = (bytes: Buffer) => (format === 'png' ? walkPng(bytes).map((c) => c.type) : []);
      expect(chunkTypes(stripped)).toEqual(chunkTypes(original));
      expect(await pixels(stripped)).toEqual(await pixels(original));
    },
  );
});

describe('reading metadata back', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('%s: Lagoon XMP gives back the exact request, model, endpoint, id and time', async (format) => {
    const s = source(format);
    const read = readEmbedded(embedMetadata(await makeImage(format), s));
    expect(read.lagoon).toEqual({
      id: s.id,
      createdAt: s.createdAt,
      model: s.model,
      endpoint: s.endpoint,
      sha256: s.sha256,
      request: s.request,
      prompt: PROMPT,
    });
    expect(read.a1111?.prompt).toBe(PROMPT);
    expect(read.a1111?.negativePrompt).toBe('blurry, low: quality');
    expect(read.a1111?.params).toMatchObject({ Steps: '25', 'CFG scale': '6.5', Seed: '1234', Size: '48x32', Model: 'venice-sd35' });
  });

  it('parses A1111 text with quoted values, multi-line prompts and a multi-line negative prompt', () => {
    const text = buildA1111Parameters({
      prompt: 'line one\nline two, with: colon',
      negativePrompt: 'ugly\nbad hands',
      steps: 30,
      sampler: 'DPM++ 2M Karras',
      cfgScale: 7,
      seed: 99,
      width: 512,
      height: 768,
      model: 'sd_xl_base_1.0',
      extra: [['Lora hashes', 'a: 1, b: 2'], ['Note', 'say "hi"\nthere']],
    });
    const parsed = parseA1111Parameters(text);
    expect(parsed.prompt).toBe('line one\nline two, with: colon');
    expect(parsed.negativePrompt).toBe('ugly\nbad hands');
    expect(parsed.params).toEqual({
      Steps: '30',
      Sampler: 'DPM++ 2M Karras',
      'CFG scale': '7',
      Seed: '99',
      Size: '512x768',
      Model: 'sd_xl_base_1.0',
      'Lora hashes': 'a: 1, b: 2',
      Note: 'say "hi"\nthere',
    });
  });

  it('treats a last line with fewer than three pairs as prompt text, as A1111 does', () => {
    expect(parseA1111Parameters('portrait, Style: noir')).toEqual({ prompt: 'portrait, Style: noir', negativePrompt: '', params: {} });
  });

  it('finds the positive and negative prompt of a ComfyUI graph through its sampler, and repairs Python NaN', () => {
    const graph = parseComfyJson(JSON.stringify(COMFY_PROMPT).replace('"denoise":1', '"denoise":NaN'));
    expect(graph).not.toBeNull();
    expect(comfySettings(graph!)).toEqual({
      prompt: 'a red fox in snow',
      negativePrompt: 'watermark',
      seed: 8675309,
      steps: 20,
      cfgScale: 8,
      sampler: 'euler',
      model: 'v1-5-pruned-emaonly.safetensors',
      width: 512,
      height: 512,
    });
  });

  it('never throws on garbage', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('not an image'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]), Buffer.from('RIFF\0\0\0\0WEBP')]) {
      expect(readEmbedded(bytes)).toEqual({});
    }
  });
});

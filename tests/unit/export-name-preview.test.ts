import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/main/core/ipc/router.ts';
import type { Services } from '../../src/main/core/services.ts';
import type { Result } from '../../src/shared/errors.ts';
import { DEFAULT_TEMPLATE, previewFileName, unknownTokens } from '../../src/shared/fileNames.ts';
import { routes } from '../../src/shared/ipc/contract.ts';
import type { ImageFormat } from '../../src/shared/venice.ts';
import { ingestNative } from './helpers/libraryImages.ts';
import { recordingContext } from './helpers/requestContext.ts';
import { eachRoutedServices } from './helpers/routedServices.ts';

/**
 * The export dialog's preview is the name the export writes: the preview is made from `images.get` as the renderer
 * receives it, the name is read back from a real export into an empty folder, for prompts of every kind of Unicode.
 */
let root: string;
let services: Services;
let dispatch: Dispatch;
eachRoutedServices({ prefix: 'lagoon-name-preview-', perFile: true }, (app) => ({ root, services, dispatch } = app));

const ok = (result: Result<unknown>): unknown => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
};

/** Fragments a slug or a safe name treats specially, mixed with arbitrary text. */
const FRAGMENTS = [
  '🐉', '✨', '👨‍👩‍👧', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🇩🇪', '👍🏽', '❤️', // emoji: ZWJ sequences, tag flags, regional flags, modifiers, VS16
  '城堡', '東京の夜', '한국어', // CJK
  'e\u0301', 'a\u0308\u0323', 'ﬁ', 'Å', // combining marks, compatibility and composed forms
  '\u202Eevil\u202C', '\u2067שלום\u2069', 'مرحبا', '\u200F', '\u200B', // bidi overrides, isolates, RTL text, invisible marks
  ' ', '  ', '.', '..', '-', '_', '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\t', '\n', '\u0000', // separators, forbidden, controls
  'castle', 'on a hill', 'CON', 'nul.txt', // words and Windows device names
];
const prompt = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.join(''))
  .filter((p) => p.trim().length > 0 && p.isWellFormed() && p.length <= 1500);
const template = fc.constantFrom(DEFAULT_TEMPLATE, '{prompt}', '{prompt}_{seed}_{w}x{h}', ' {model} – {prompt} {id} ', '{seed}.{prompt}..', '🐉 {prompt} 🐉');
const format = fc.constantFrom<ImageFormat>('png', 'jpeg', 'webp');

const ingest = (text: string, imageFormat: ImageFormat, seed: number | undefined): Promise<string> =>
  ingestNative(services.library, { format: imageFormat, prompt: text, request: seed === undefined ? {} : { seed } });

describe('export file names', () => {
  it('the preview equals the written name for generated Unicode prompts (real exports)', async () => {
    await fc.assert(
      fc.asyncProperty(prompt, template, format, fc.option(fc.nat(), { nil: undefined }), async (text, tpl, imageFormat, seed) => {
        const id = await ingest(text, imageFormat, seed);
        // What the renderer holds: the route's answer, parsed by the route's own output schema.
        const detail = routes['images.get'].output.parse(ok(await dispatch('images.get', { id }, recordingContext().ctx)));
        const preview = previewFileName(tpl, detail);
        const folder = join(root, `export-${id}`);
        mkdirSync(folder);
        const { ctx } = recordingContext({ exportFolder: folder });
        const options = { template: tpl, stripMetadata: false, sidecar: false, zip: false };
        expect(ok(await dispatch('images.export', { ids: [id], options }, ctx))).toMatchObject({ done: 1, failed: [] });
        expect(readdirSync(folder)).toEqual([preview]);
      }),
      { numRuns: 60, seed: 20261204 },
    );
  });

  it('the preview refuses what the export refuses: unknown fields, and templates over the one length limit', () => {
    const image = { id: '0f0e0d0c-0b0a-4908-8706-050403020100', createdAt: 0, prompt: 'p', model: 'm', width: 1, height: 1, format: 'png' as const, request: {} };
    expect(previewFileName('{nope}', image)).toBeNull();
    expect(unknownTokens('{date}_{seeed}_{}')).toEqual(['seeed', '']);
    expect(unknownTokens('{date}_{prompt}')).toEqual([]);
    expect(previewFileName('x'.repeat(201), image)).toBeNull();
    expect(previewFileName('x'.repeat(200), image)).toBe(`${'x'.repeat(200)}.png`);
    const options = (tpl: string) => ({ ids: [image.id], options: { template: tpl, stripMetadata: false, sidecar: false, zip: false } });
    expect(routes['images.export'].input.safeParse(options('x'.repeat(201))).success).toBe(false);
    expect(routes['images.export'].input.safeParse(options('x'.repeat(200))).success).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toNativeRequest } from '../../src/main/core/generation/requestMapping.ts';
import { hashStyleReferences, loadStyleReferences } from '../../src/main/core/generation/styleReferences.ts';
import type { Library } from '../../src/main/core/library/library.ts';
import { parseModelList } from '../../src/main/core/venice/modelCatalog.ts';
import type { AdvancedJobRequest } from '../../src/shared/ipc/schemas/jobs.ts';
import { checkJobRequest } from '../../src/shared/modelConstraints.ts';
import { type ModelInfo, zModelInfo } from '../../src/shared/models.ts';
import { priceFor } from '../../src/shared/pricing.ts';

// The optional native fields of API notes §2.1: what the catalogue says a model takes, the checks made before
// anything is queued, the body built, and the price shown.

const MODELS = parseModelList(JSON.parse(readFileSync(new URL('../fake-venice/data/models-image.json', import.meta.url), 'utf8')))!;
const model = (id: string): ModelInfo => MODELS.find((m) => m.id === id) ?? (() => { throw new Error(`no ${id}`); })();

const native = (modelId: string, extra: Partial<AdvancedJobRequest> = {}): AdvancedJobRequest => ({
  endpoint: 'native', prompt: 'a lagoon', model: modelId, variants: 1, format: 'png', safeMode: true, hideWatermark: false, ...extra,
});
const issues = (request: AdvancedJobRequest) => checkJobRequest(request, model(request.model)).map(({ field, severity }) => `${severity}:${field}`);
const ref = (strength?: number) => ({ input: { kind: 'library' as const, id: '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90' }, ...(strength === undefined ? {} : { strength }) });

describe('the catalogue says which optional fields a model takes', () => {
  it('reads reference images, web search and the thinking switch from the entry, LoRAs from the model family', () => {
    expect(model('nano-banana-2')).toMatchObject({ styleReferences: { max: 3, strength: true }, supportsWebSearch: true, supportsPromptThinking: true });
    expect(model('venice-sd35')).toMatchObject({ usesLora: true });
    const plain = model('qwen-image');
    expect([plain.styleReferences, plain.supportsWebSearch, plain.supportsPromptThinking, plain.usesLora]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('still reads a model cached by an older Lagoon, without the new fields', () => {
    const { usesLora: _l, supportsWebSearch: _w, supportsPromptThinking: _t, styleReferences: _s, ...older } = model('nano-banana-2');
    expect(zModelInfo.safeParse(older).success).toBe(true);
  });
});

describe('checks before queueing', () => {
  it('refuses references and web search where the model has none; warns where Venice only ignores a field', () => {
    expect(issues(native('nano-banana-2', { styleReferences: [ref(0.4), ref()], enableWebSearch: true, disablePromptThinking: true }))).toEqual([]);
    expect(issues(native('nano-banana-2', { styleReferences: [ref(), ref(), ref(), ref()] }))).toEqual(['error:styleReferences']);
    expect(issues(native('qwen-image', { styleReferences: [ref()] }))).toEqual(['error:styleReferences']);
    expect(issues(native('qwen-image', { enableWebSearch: true }))).toEqual(['error:enableWebSearch']);
    expect(issues(native('qwen-image', { enableWebSearch: false }))).toEqual([]);
    expect(issues(native('qwen-image', { loraStrength: 50, disablePromptThinking: true }))).toEqual(['warning:loraStrength', 'warning:disablePromptThinking']);
    expect(issues(native('venice-sd35', { loraStrength: 50 }))).toEqual([]);
  });
});

describe('the body sent', () => {
  it('maps each field to Venice’s name and leaves out what was not set', () => {
    const request = native('nano-banana-2', { loraStrength: 0, enableWebSearch: true, disablePromptThinking: false, styleReferences: [ref(0.8)] });
    expect(toNativeRequest(request, [{ image: 'aGk=', strength: 0.8 }])).toEqual({
      model: 'nano-banana-2',
      prompt: 'a lagoon',
      variants: 1,
      format: 'png',
      safe_mode: true,
      hide_watermark: false,
      lora_strength: 0,
      enable_web_search: true,
      disable_prompt_optimization_thinking: false,
      style_references: [{ image: 'aGk=', strength: 0.8 }],
    });
    const bare = toNativeRequest(native('nano-banana-2', { enableWebSearch: false }));
    expect(Object.keys(bare).filter((k) => ['lora_strength', 'enable_web_search', 'disable_prompt_optimization_thinking', 'style_references'].includes(k))).toEqual([]);
  });
});

describe('the price', () => {
  it('adds the web search fee to each image, so the estimate and the ledger include it', () => {
    const base = priceFor(model('nano-banana-2'), native('nano-banana-2', { resolution: '2K' }));
    expect(base).toBe(0.14);
    expect(priceFor(model('nano-banana-2'), native('nano-banana-2', { resolution: '2K', enableWebSearch: true }))).toBeCloseTo(0.15, 10);
  });
});

describe('reference files between queueing and sending', () => {
  it('pins the hash when queued and refuses a file that changed since, before anything is sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lagoon-refs-'));
    try {
      const path = join(dir, 'ref.png');
      await writeFile(path, await sharp({ create: { width: 300, height: 300, channels: 3, background: '#205080' } }).png().toBuffer());
      // File references never touch the library.
      const library = {} as Library;
      const pinned = await hashStyleReferences(library, native('nano-banana-2', { styleReferences: [{ input: { kind: 'file', path }, strength: 0.4 }] }));
      const refs = pinned.endpoint === 'native' ? (pinned.styleReferences ?? []) : [];
      expect(refs[0]?.input.sha256).toMatch(/^[0-9a-f]{64}$/);
      const loaded = await loadStyleReferences(library, refs);
      expect(loaded.recorded).toEqual([{ file: 'ref.png', sha256: refs[0]?.input.sha256, strength: 0.4 }]);
      expect(loaded.parents).toEqual([{ id: null, sha256: refs[0]?.input.sha256, role: 'reference' }]);

      await writeFile(path, await sharp({ create: { width: 300, height: 300, channels: 3, background: '#802050' } }).png().toBuffer());
      await expect(loadStyleReferences(library, refs)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { mayHaveBeenCharged: false, attempts: 0 } });
      await expect(loadStyleReferences(library, refs)).rejects.toThrow(/changed after it was queued/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

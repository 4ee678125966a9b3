import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelList } from '../../src/main/core/venice/modelCatalog.ts';
import type { JobRequest } from '../../src/shared/ipc/schemas/jobs.ts';
import { blockingIssues, checkJobRequest } from '../../src/shared/modelConstraints.ts';
import type { ModelInfo } from '../../src/shared/models.ts';
import { imagesRequested, priceFor } from '../../src/shared/pricing.ts';

/** The fake's catalogue, parsed the way the app parses Venice's: a pixel model with steps, aspect/resolution/quality models, one offline, one deprecated. */
const MODELS = parseModelList(JSON.parse(readFileSync(new URL('../fake-venice/data/models-image.json', import.meta.url), 'utf8')))!;
const model = (id: string): ModelInfo => {
  const found = MODELS.find((m) => m.id === id);
  if (!found) throw new Error(`fake catalogue lacks ${id}`);
  return found;
};

const native = (modelId: string, extra: Partial<Extract<JobRequest, { endpoint: 'native' }>> = {}): JobRequest => ({
  endpoint: 'native', prompt: 'a lagoon', model: modelId, variants: 1, format: 'png', safeMode: true, hideWatermark: false, ...extra,
});
const simple = (extra: Partial<Extract<JobRequest, { endpoint: 'openai' }>> = {}): JobRequest => ({
  endpoint: 'openai', prompt: 'a lagoon', size: '1024x1024', outputFormat: 'png', moderation: 'auto', ...extra,
});
const issues = (request: JobRequest, id: string | undefined) =>
  checkJobRequest(request, id === undefined ? undefined : model(id)).map(({ field, severity }) => `${severity}:${field}`);

describe('checkJobRequest', () => {
  it('passes a plain request on every model that can serve', () => {
    for (const m of MODELS.filter((x) => !x.offline && !x.deprecation)) expect(checkJobRequest(native(m.id), m), m.id).toEqual([]);
    expect(checkJobRequest(simple({ model: 'z-image-turbo' }), model('z-image-turbo'))).toEqual([]);
  });

  it('pixel model: width/height divisible by the divisor; no aspect ratio, resolution or quality', () => {
    expect(issues(native('venice-sd35', { width: 1024, height: 768 }), 'venice-sd35')).toEqual([]);
    expect(issues(native('venice-sd35', { width: 1000, height: 768 }), 'venice-sd35')).toEqual(['error:width']);
    expect(issues(native('z-image-turbo', { width: 256, height: 260 }), 'z-image-turbo')).toEqual(['error:height']);
    expect(issues(native('z-image-turbo', { aspectRatio: '1:1', resolution: '1K', quality: 'high' }), 'z-image-turbo')).toEqual([
      'error:aspectRatio',
      'error:resolution',
      'error:quality',
    ]);
  });

  it('aspect-ratio models: no pixel size; the ratio, resolution and quality must be ones the model lists', () => {
    expect(issues(native('flux-2-pro', { width: 1024 }), 'flux-2-pro')).toEqual(['error:width']);
    expect(issues(native('flux-2-pro', { aspectRatio: '16:9' }), 'flux-2-pro')).toEqual([]);
    expect(issues(native('flux-2-pro', { aspectRatio: '5:4' }), 'flux-2-pro')).toEqual(['error:aspectRatio']);
    expect(issues(native('nano-banana-2', { resolution: '4K' }), 'nano-banana-2')).toEqual([]);
    expect(issues(native('nano-banana-2', { resolution: '8K' }), 'nano-banana-2')).toEqual(['error:resolution']);
    expect(issues(native('gpt-image-1-5', { quality: 'high' }), 'gpt-image-1-5')).toEqual([]);
    expect(issues(native('flux-2-pro', { quality: 'high' }), 'flux-2-pro')).toEqual(['error:quality']);
    const message = checkJobRequest(native('flux-2-pro', { aspectRatio: '5:4' }), model('flux-2-pro'))[0]?.message;
    expect(message).toMatch(/1:1, 3:2, 16:9/);
  });

  it("prompt and negative prompt stay within the model's character limit, counted in code points", () => {
    expect(issues(native('venice-sd35', { prompt: 'x'.repeat(1500) }), 'venice-sd35')).toEqual([]);
    expect(issues(native('venice-sd35', { prompt: 'x'.repeat(1501) }), 'venice-sd35')).toEqual(['error:prompt']);
    expect(issues(native('venice-sd35', { prompt: '🌊'.repeat(1500) }), 'venice-sd35')).toEqual([]);
    expect(issues(native('venice-sd35', { negativePrompt: 'y'.repeat(1501) }), 'venice-sd35')).toEqual(['error:negativePrompt']);
    expect(issues(simple({ model: 'venice-sd35', prompt: 'x'.repeat(1500) }), 'venice-sd35')).toEqual([]);
  });

  it('steps: capped by the model where used; a warning where Venice ignores them; same for the negative prompt', () => {
    expect(issues(native('venice-sd35', { steps: 30, negativePrompt: 'blurry' }), 'venice-sd35')).toEqual([]);
    expect(issues(native('venice-sd35', { steps: 31 }), 'venice-sd35')).toEqual(['error:steps']);
    expect(issues(native('flux-2-pro', { steps: 10, negativePrompt: 'blurry' }), 'flux-2-pro')).toEqual(['warning:negativePrompt', 'warning:steps']);
    expect(blockingIssues(checkJobRequest(native('flux-2-pro', { steps: 10, negativePrompt: 'blurry' }), model('flux-2-pro')))).toEqual([]);
  });

  it('offline is an error, deprecated a warning naming the replacement, unknown a warning, on both routes', () => {
    expect(issues(native('hunyuan-image-v3'), 'hunyuan-image-v3')).toEqual(['error:model']);
    expect(issues(simple({ model: 'hunyuan-image-v3' }), 'hunyuan-image-v3')).toEqual(['error:model']);
    const deprecated = checkJobRequest(native('lustify-v7'), model('lustify-v7'));
    expect(deprecated).toMatchObject([{ field: 'model', severity: 'warning', message: expect.stringMatching(/2026-04-16.*lustify-v8/) }]);
    expect(issues(native('brand-new-model'), undefined)).toEqual(['warning:model']);
    expect(issues(simple(), undefined)).toEqual([]);
  });
});

describe('priceFor', () => {
  it('flat, per resolution (with the default tier), per quality (with the default quality)', () => {
    expect(priceFor(model('z-image-turbo'), native('z-image-turbo'))).toBe(0.01);
    expect(priceFor(model('nano-banana-2'), native('nano-banana-2'))).toBe(0.1);
    expect(priceFor(model('nano-banana-2'), native('nano-banana-2', { resolution: '2K' }))).toBe(0.14);
    expect(priceFor(model('gpt-image-1-5'), native('gpt-image-1-5'))).toBe(0.26);
    expect(priceFor(model('gpt-image-1-5'), native('gpt-image-1-5', { quality: 'high' }))).toBe(0.98);
    expect(priceFor(model('gpt-image-1-5'), native('gpt-image-1-5', { quality: 'low' }))).toBe(0.07);
    expect(priceFor(model('flux-2-pro'), simple({ model: 'flux-2-pro' }))).toBe(0.04);
    expect(priceFor(undefined, simple())).toBeNull();
  });

  it('counts variants as images', () => {
    expect(imagesRequested(native('z-image-turbo', { variants: 4 }))).toBe(4);
    expect(imagesRequested(simple())).toBe(1);
  });
});

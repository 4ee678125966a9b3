import { describe, expect, it } from 'vitest';
import { toNativeRequest, toOpenAiRequest } from '../../src/main/core/generation/requestMapping.ts';
import type { ImageDetail } from '../../src/shared/ipc/schemas/images.ts';
import type { AdvancedJobRequest, SimpleJobRequest } from '../../src/shared/ipc/schemas/jobs.ts';
import type { ModelInfo } from '../../src/shared/models.ts';
import { adaptToModel, snapEdge } from '../../src/renderer/src/features/generate/adaptToModel.ts';
import { buildRequest, promptUsable } from '../../src/renderer/src/features/generate/buildRequest.ts';
import { checkBuilt } from '../../src/renderer/src/features/generate/fieldMessages.ts';
import { DEFAULT_ADVANCED, type FormState, INITIAL_FORM } from '../../src/renderer/src/features/generate/formValues.ts';
import { formFromImage } from '../../src/renderer/src/features/generate/reuseRequest.ts';
import { summary } from './helpers/rendererBridge.ts';

/** The Generate forms' pure logic: what a form sends, what it refuses, and that "reuse settings" repeats a request exactly. */

const model = (id: string, extra: Partial<ModelInfo> = {}): ModelInfo => ({
  id,
  name: id.toUpperCase(),
  description: null,
  traits: [],
  offline: false,
  deprecation: null,
  constraints: { promptCharacterLimit: 1500, steps: { default: 25, max: 30 }, widthHeightDivisor: 16 },
  pricing: { generation: { usd: 0.01, diem: 0.01 }, resolutions: null, quality: null },
  sizing: 'pixels',
  supportsNegativePrompt: true,
  usesSteps: true,
  ...extra,
});

const SD35 = model('venice-sd35');
const TURBO = model('z-image-turbo', {
  constraints: { promptCharacterLimit: 7500, steps: { default: 8, max: 8 }, widthHeightDivisor: 8 },
  supportsNegativePrompt: false,
  usesSteps: false,
});
const GPT = model('gpt-image-2', {
  sizing: 'aspect_ratio',
  supportsNegativePrompt: false,
  usesSteps: false,
  constraints: {
    promptCharacterLimit: 5000,
    steps: { default: 20, max: 50 },
    widthHeightDivisor: 1,
    aspectRatios: ['1:1', '3:2', '2:3'],
    defaultAspectRatio: '1:1',
    resolutions: ['1K', '2K'],
    defaultResolution: '1K',
    qualities: ['low', 'medium', 'high'],
    defaultQuality: 'high',
  },
});
const MODELS = [SD35, TURBO, GPT];
const TRAITS = { default: 'z-image-turbo' };

const advanced = (patch: Partial<typeof DEFAULT_ADVANCED>, prompt = 'a gondola at blue hour'): FormState => ({
  ...INITIAL_FORM,
  mode: 'advanced',
  prompt,
  advanced: { ...DEFAULT_ADVANCED, model: 'venice-sd35', ...patch },
});

const image = (endpoint: 'openai' | 'native', request: Record<string, unknown>): ImageDetail => ({
  ...summary('00000000-0000-4000-8000-000000000001', { createdAt: 1, prompt: String(request.prompt), model: String(request.model ?? 'z-image-turbo') }),
  endpoint,
  request,
  byteSize: 10,
  sha256: 'a'.repeat(64),
  response: {},
  jobId: null,
  priceUsd: 0.01,
  tags: [],
  collections: [],
});

describe('advanced form → native job request', () => {
  it('sends only what the chosen pixel model uses, and no seed while the seed is random', () => {
    const built = buildRequest(advanced({ negativePrompt: ' blurry ', steps: '28', cfgScale: '7,5', width: '768', height: '1024' }), MODELS, TRAITS);
    expect(built.problems).toEqual([]);
    expect(built.request).toEqual({
      endpoint: 'native',
      prompt: 'a gondola at blue hour',
      model: 'venice-sd35',
      negativePrompt: 'blurry',
      steps: 28,
      cfgScale: 7.5,
      width: 768,
      height: 1024,
      variants: 1,
      format: 'png',
      safeMode: true,
      hideWatermark: false,
    });
    expect(built.promptLimit).toBe(1500);
  });

  it('drops fields the model ignores: no negative prompt or steps on a model without them', () => {
    const built = buildRequest(advanced({ model: 'z-image-turbo', negativePrompt: 'blurry', steps: '8' }), MODELS, TRAITS);
    expect(built.request).not.toHaveProperty('negativePrompt');
    expect(built.request).not.toHaveProperty('steps');
    expect(built.promptLimit).toBe(7500);
  });

  it('sizes an aspect-ratio model by ratio, tier and quality, never by pixels', () => {
    const built = buildRequest(advanced({ model: 'gpt-image-2', aspectRatio: '3:2', resolution: '2K', quality: 'low', width: '1024' }), MODELS, TRAITS);
    expect(built.request).toMatchObject({ aspectRatio: '3:2', resolution: '2K', quality: 'low' });
    expect(built.request).not.toHaveProperty('width');
    expect(built.request).not.toHaveProperty('height');
  });

  it('a locked seed is sent as the number typed; text that is not one blocks Generate', () => {
    expect(buildRequest(advanced({ seedLocked: true, seed: '-42' }), MODELS, TRAITS).request).toMatchObject({ seed: -42 });
    const bad = buildRequest(advanced({ seedLocked: true, seed: '12a' }), MODELS, TRAITS);
    expect(bad.problems.map((p) => p.field)).toEqual(['seed']);
    expect(checkBuilt(bad).blocked).toBe(true);
  });

  it('refuses values outside Venice\'s global ranges before the model is even asked', () => {
    const built = buildRequest(advanced({ cfgScale: '25', width: '2000', steps: '0' }), MODELS, TRAITS);
    expect(built.problems.map((p) => p.field).toSorted()).toEqual(['cfgScale', 'steps', 'width']);
  });
});

describe('per-model check as translated field notes', () => {
  it('a width off the divisor and steps above the max block Generate, with the numbers the user needs', () => {
    const checked = checkBuilt(buildRequest(advanced({ width: '1000', steps: '31' }), MODELS, TRAITS));
    expect(checked.blocked).toBe(true);
    expect(checked.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'width', key: 'constraints.divisor', params: { divisor: 16 }, severity: 'error' }),
        expect.objectContaining({ field: 'steps', key: 'constraints.stepsMax', params: { max: 30 }, severity: 'error' }),
      ]),
    );
  });

  it('an offline model blocks; a deprecated one only warns', () => {
    const offline = buildRequest(advanced({}), [{ ...SD35, offline: true }], TRAITS);
    expect(checkBuilt(offline).blocked).toBe(true);
    const deprecated = buildRequest(advanced({}), [{ ...SD35, deprecation: { date: null, replacement: 'z-image-turbo' } }], TRAITS);
    expect(checkBuilt(deprecated).blocked).toBe(false);
  });

  it('the simple form runs on Venice\'s default model when none is chosen, with the 1500-character route limit', () => {
    const built = buildRequest({ ...INITIAL_FORM, prompt: 'x' }, MODELS, TRAITS);
    expect(built.model?.id).toBe('z-image-turbo');
    expect(built.request).toEqual({ endpoint: 'openai', prompt: 'x', size: 'auto', outputFormat: 'png', moderation: 'auto' });
    expect(built.promptLimit).toBe(1500);
    expect(promptUsable('x'.repeat(1501), built.promptLimit)).toBe(false);
    expect(promptUsable('🦊'.repeat(1500), built.promptLimit)).toBe(true);
    expect(promptUsable('   ', built.promptLimit)).toBe(false);
  });
});

describe('switching models', () => {
  it('snaps sizes to the divisor within 1280', () => {
    expect(snapEdge(1000, 16)).toBe(1008);
    expect(snapEdge(1300, 16)).toBe(1280);
    expect(snapEdge(1279, 1)).toBe(1279);
    expect(snapEdge(3, 8)).toBe(8);
    expect(snapEdge(1280, 48)).toBe(1248);
  });

  it('keeps what the new model accepts and replaces the rest with its defaults', () => {
    const onSd35 = { ...DEFAULT_ADVANCED, model: 'venice-sd35', steps: '28', width: '1000', aspectRatio: '16:9' };
    expect(adaptToModel(onSd35, TURBO)).toMatchObject({ model: 'z-image-turbo', steps: '', width: '1000', aspectRatio: '' });
    expect(adaptToModel(onSd35, SD35)).toMatchObject({ steps: '28', width: '1008' });
    expect(adaptToModel(onSd35, GPT)).toMatchObject({ aspectRatio: '1:1', resolution: '1K', quality: 'high' });
    expect(adaptToModel({ ...onSd35, aspectRatio: '2:3', quality: 'low' }, GPT)).toMatchObject({ aspectRatio: '2:3', quality: 'low' });
  });
});

describe('reuse settings', () => {
  it('refills the advanced form so the same native request is sent again, seed locked', () => {
    const sent = {
      model: 'venice-sd35',
      prompt: 'a fox',
      negative_prompt: 'blurry',
      width: 768,
      height: 1024,
      steps: 28,
      cfg_scale: 7.5,
      seed: 987654321,
      variants: 2,
      style_preset: 'Anime',
      format: 'webp',
      safe_mode: false,
      hide_watermark: true,
    };
    const form = formFromImage(image('native', sent), INITIAL_FORM);
    expect(form.mode).toBe('advanced');
    expect(form.advanced.seedLocked).toBe(true);
    const built = buildRequest(form, MODELS, TRAITS);
    expect(toNativeRequest(built.request as AdvancedJobRequest)).toEqual(sent);
  });

  it('refills the simple form so the same OpenAI-compatible request is sent again', () => {
    const sent = { prompt: 'a heron', model: 'venice-sd35', n: 1, size: '512x512', output_format: 'jpeg', moderation: 'low', response_format: 'b64_json' };
    const form = formFromImage(image('openai', sent), { ...INITIAL_FORM, mode: 'advanced', prompt: 'old' });
    expect(form.mode).toBe('simple');
    const built = buildRequest(form, MODELS, TRAITS);
    const { endpoint: _endpoint, ...simple } = built.request as SimpleJobRequest;
    expect(toOpenAiRequest(simple)).toEqual(sent);
  });

  it('falls back to defaults for a recorded field that is missing or of the wrong type', () => {
    const form = formFromImage(image('native', { model: 'gpt-image-2', prompt: 'p', variants: 9, format: 'tiff', safe_mode: 'yes' }), INITIAL_FORM);
    expect(form.advanced).toMatchObject({ variants: 4, format: 'png', safeMode: true, seedLocked: false, seed: '' });
  });
});

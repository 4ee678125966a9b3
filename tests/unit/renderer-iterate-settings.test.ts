import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  defaultModel,
  draftOf,
  inputLimit,
  settingsFromSent,
} from '../../src/renderer/src/features/iterate/iterateSettings.ts';
import type { EditModelInfo } from '../../src/shared/iterate.ts';

const model = (id: string, traits: Partial<EditModelInfo> = {}): EditModelInfo => ({
  id,
  name: id,
  offline: false,
  deprecation: null,
  priceUsd: 0.04,
  aspectRatios: ['1:1', '16:9'],
  promptCharacterLimit: 1500,
  combineImages: true,
  maxInputImages: 3,
  ...traits,
});
const A = '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90';
const B = '1c7a7d2f-4b5a-4e1f-8e5c-3a2d9b8f6ca1';
const C = '2d8b8e3a-5c6b-4f2a-9f6d-4b3e0c9a7db2';

describe('the iterate forms: what each sends', () => {
  it('names inputs by library id in the order given, the first as the base, and leaves empty fields to Venice', () => {
    const draft = draftOf('combine', [C, A, B], { ...DEFAULT_SETTINGS, prompt: '  both in one scene ', model: 'm', resolution: '2K' });
    expect(draft).toEqual({
      endpoint: 'combine',
      inputs: [C, A, B].map((id) => ({ kind: 'library', id })),
      prompt: 'both in one scene',
      model: 'm',
      enhancePrompt: false,
      safeMode: true,
      resolution: '2K',
    });
  });

  it('says what is missing instead of building a draft main would refuse', () => {
    expect(draftOf('edit', [], { ...DEFAULT_SETTINGS, prompt: 'x', model: 'm' })).toBe('noInput');
    expect(draftOf('combine', [A], { ...DEFAULT_SETTINGS, prompt: 'x', model: 'm' })).toBe('needTwo');
    expect(draftOf('edit', [A], { ...DEFAULT_SETTINGS, prompt: '   ', model: 'm' })).toBe('noPrompt');
    expect(draftOf('edit', [A], { ...DEFAULT_SETTINGS, prompt: 'x', model: '' })).toBe('noModel');
  });

  it('an upscale needs no prompt and sends one image with its scale and creativity', () => {
    expect(draftOf('upscale', [B, A], { ...DEFAULT_SETTINGS, scale: 4, creativity: 0 })).toEqual({
      endpoint: 'upscale',
      prompt: '',
      inputs: [{ kind: 'library', id: B }],
      scale: 4,
      creativity: 0,
    });
  });

  it('takes one input for edit and upscale, the model’s own limit for combine (Venice’s 3 when it does not say)', () => {
    expect(inputLimit('edit', model('m', { maxInputImages: 4 }))).toBe(1);
    expect(inputLimit('combine', model('m', { maxInputImages: 4 }))).toBe(4);
    expect(inputLimit('combine', undefined)).toBe(3);
  });

  it('starts on a model that is online, current and able to do the job', () => {
    const models = [model('old', { deprecation: { date: '2026-01-01', replacement: 'new' } }), model('off', { offline: true }), model('single', { combineImages: false }), model('new')];
    expect(defaultModel(models, 'edit')).toBe('single');
    expect(defaultModel(models, 'combine')).toBe('new');
    expect(defaultModel([model('off', { offline: true })], 'edit')).toBe('');
  });

  it('Reuse settings reads the request as it was sent back into the form', () => {
    const sent = { modelId: 'qwen', prompt: 'a heron', aspect_ratio: '16:9', resolution: '4K', output_format: 'webp', enhance_prompt: true, safe_mode: false, images: [] };
    expect(settingsFromSent(sent)).toEqual({ prompt: 'a heron', model: 'qwen', aspectRatio: '16:9', resolution: '4K', format: 'webp', enhancePrompt: true, safeMode: false });
    expect(settingsFromSent({ scale: 4, creativity: 0.02, image: {} })).toMatchObject({ scale: 4, creativity: 0.02, safeMode: true, format: '' });
  });
});

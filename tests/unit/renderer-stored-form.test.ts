// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ADVANCED, DEFAULT_SIMPLE, INITIAL_FORM } from '../../src/renderer/src/features/generate/formValues.ts';
import { loadStoredForm, storeForm } from '../../src/renderer/src/features/generate/storedForm.ts';

afterEach(() => localStorage.clear());

describe('the Generate form kept across restarts', () => {
  it('gives back mode, simple and advanced values, never the prompt', () => {
    storeForm({
      mode: 'advanced',
      prompt: 'a secret prompt',
      simple: { ...DEFAULT_SIMPLE, size: '512x512', outputFormat: 'webp' },
      advanced: { ...DEFAULT_ADVANCED, model: 'venice-sd35', variants: 3, steps: '20', seedLocked: true, seed: '42' },
    });
    expect(localStorage.getItem('lagoon.generateForm')).not.toContain('a secret prompt');
    const form = loadStoredForm();
    expect(form).toMatchObject({ mode: 'advanced', prompt: '', simple: { size: '512x512', outputFormat: 'webp' } });
    expect(form.advanced).toMatchObject({ model: 'venice-sd35', variants: 3, steps: '20', seedLocked: true, seed: '42' });
  });

  it('falls back field by field when what is stored is not what the form takes', () => {
    localStorage.setItem('lagoon.generateForm', JSON.stringify({ mode: 'expert', simple: { size: '9x9', outputFormat: 'tiff', model: 7 }, advanced: { variants: 9, safeMode: 'yes', width: '768' } }));
    const form = loadStoredForm();
    expect(form.mode).toBe('simple');
    expect(form.simple).toEqual(DEFAULT_SIMPLE);
    expect(form.advanced).toEqual({ ...DEFAULT_ADVANCED, width: '768' });
    localStorage.setItem('lagoon.generateForm', '{not json');
    expect(loadStoredForm()).toEqual(INITIAL_FORM);
  });
});

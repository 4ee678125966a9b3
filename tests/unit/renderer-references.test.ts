import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelList } from '../../src/main/core/venice/modelCatalog.ts';
import type { ImageDetail } from '../../src/shared/ipc/schemas/images.ts';
import { buildRequest } from '../../src/renderer/src/features/generate/buildRequest.ts';
import { checkBuilt } from '../../src/renderer/src/features/generate/fieldMessages.ts';
import { DEFAULT_ADVANCED, type FormState, INITIAL_FORM } from '../../src/renderer/src/features/generate/formValues.ts';
import { formFromImage } from '../../src/renderer/src/features/generate/reuseRequest.ts';

// The advanced panel's reference images and optional native fields: what the form sends for which model, what it
// blocks, and that reusing an image's settings brings them back.

const MODELS = parseModelList(JSON.parse(readFileSync(new URL('../fake-venice/data/models-image.json', import.meta.url), 'utf8')))!;
const REF_A = '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90';
const REF_B = '1c7a7d2f-4b50-4e1f-8e5c-3a2d9b8f6ca1';

const form = (patch: Partial<typeof DEFAULT_ADVANCED>): FormState => ({
  ...INITIAL_FORM,
  mode: 'advanced',
  prompt: 'a heron',
  advanced: { ...DEFAULT_ADVANCED, model: 'nano-banana-2', aspectRatio: '1:1', ...patch },
});
const built = (patch: Partial<typeof DEFAULT_ADVANCED>) => buildRequest(form(patch), MODELS, {});

describe('reference images and the optional fields in the advanced panel', () => {
  it('sends what the chosen model offers, with one strength for every reference', () => {
    const { request } = built({ styleReferences: [REF_A, REF_B], styleStrength: 0.7, enableWebSearch: true, disablePromptThinking: true, loraStrength: '30' });
    expect(request).toMatchObject({
      styleReferences: [
        { input: { kind: 'library', id: REF_A }, strength: 0.7 },
        { input: { kind: 'library', id: REF_B }, strength: 0.7 },
      ],
      enableWebSearch: true,
      disablePromptThinking: true,
    });
    // nano-banana-2 is not built on LoRAs: a value left in the (hidden) field is not sent.
    expect(request).not.toHaveProperty('loraStrength');
    expect(checkBuilt(built({ styleReferences: [REF_A] })).blocked).toBe(false);
  });

  it('never sends a hidden switch, but keeps chosen references and blocks Generate on a model without them', () => {
    const other = built({ model: 'venice-sd35', width: '1024', height: '1024', styleReferences: [REF_A], enableWebSearch: true, loraStrength: '30' });
    expect(other.request).toMatchObject({ loraStrength: 30, styleReferences: [{ input: { kind: 'library', id: REF_A } }] });
    expect(other.request).not.toHaveProperty('enableWebSearch');
    const checked = checkBuilt(other);
    expect(checked.blocked).toBe(true);
    expect(checked.messages).toContainEqual(expect.objectContaining({ field: 'styleReferences', key: 'constraints.referencesNone', severity: 'error' }));
  });

  it('refuses more references than the model takes and a LoRA strength out of range, before anything is queued', () => {
    const many = checkBuilt(built({ styleReferences: [REF_A, REF_B, '2d8b8e30-5c61-4f20-9f6d-4b3eac907db2', '3e9c9f41-6d72-4031-a07e-5c4fbd018ec3'] }));
    expect(many.blocked).toBe(true);
    expect(many.messages).toContainEqual(expect.objectContaining({ key: 'constraints.referencesMax', params: expect.objectContaining({ count: 3 }) }));
    const lora = checkBuilt(built({ model: 'venice-sd35', width: '1024', height: '1024', loraStrength: '101' }));
    expect(lora.messages).toContainEqual(expect.objectContaining({ field: 'loraStrength', key: 'advanced.invalid.loraStrength' }));
  });

  it('reuse refills references (library ones), their strength and the switches from the recorded request', () => {
    const recorded = {
      model: 'nano-banana-2',
      prompt: 'a heron',
      variants: 1,
      format: 'png',
      enable_web_search: true,
      disable_prompt_optimization_thinking: true,
      lora_strength: 40,
      style_references: [{ imageId: REF_A, sha256: 'a'.repeat(64), strength: 0.3 }, { file: 'outside.png', sha256: 'b'.repeat(64), strength: 0.3 }],
    };
    const image = { endpoint: 'native', request: recorded, prompt: 'a heron' } as unknown as ImageDetail;
    const { advanced } = formFromImage(image, INITIAL_FORM);
    expect(advanced).toMatchObject({ styleReferences: [REF_A], styleStrength: 0.3, enableWebSearch: true, disablePromptThinking: true, loraStrength: '40' });
  });
});

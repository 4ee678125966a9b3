import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { zModelInfo, type ModelInfo } from '../../src/shared/models.ts';
import { createVeniceClient, type VeniceClient } from '../../src/main/core/venice/client.ts';
import { parseModelEntry, parseStyles, parseTraits } from '../../src/main/core/venice/modelCatalog.ts';
import { startFakeVenice, type FakeVenice } from '../fake-venice/server.ts';

// The model catalogue, styles and traits as Lagoon reads them from the fake (which serves real Venice entries).

const KEY = 'vk-catalog-test-key-0123456789abcdef';
let fake: FakeVenice;
let client: VeniceClient;
let models: ModelInfo[];

beforeAll(async () => {
  fake = await startFakeVenice({ apiKey: KEY });
  client = createVeniceClient({ baseUrl: fake.url });
  models = await client.listModels();
});
afterAll(async () => {
  await fake.close();
});

const model = (id: string): ModelInfo => {
  const found = models.find((m) => m.id === id);
  if (!found) throw new Error(`no ${id} in ${models.map((m) => m.id).join(', ')}`);
  return found;
};

/** Real HTTP to the fake, with the JSON body rewritten on the way back (Venice adding or breaking entries). */
const rewriting =
  (edit: (body: { data: unknown[] }) => unknown): typeof fetch =>
  async (url, init) => {
    const res = await fetch(url, init);
    const body = JSON.stringify(edit((await res.json()) as { data: unknown[] }));
    return new Response(body, { status: res.status, headers: { 'content-type': 'application/json' } });
  };

const raw = (id: string, spec: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  type: 'image',
  object: 'model',
  model_spec: {
    name: id,
    pricing: { generation: { usd: 0.01, diem: 0.01 } },
    constraints: { promptCharacterLimit: 1500, steps: { default: 20, max: 50 }, widthHeightDivisor: 8 },
    ...spec,
  },
});

describe('listModels', () => {
  it('parses every fake model into a valid ModelInfo, in Venice’s order', () => {
    expect(models.map((m) => m.id)).toEqual([
      'z-image-turbo',
      'venice-sd35',
      'qwen-image',
      'flux-2-pro',
      'nano-banana-2',
      'grok-imagine-image',
      'gpt-image-1-5',
      'lustify-v7',
      'lustify-v8',
      'hunyuan-image-v3',
    ]);
    for (const m of models) expect(zModelInfo.parse(m)).toEqual(m);
  });

  it('reads a flat-priced pixel model', () => {
    expect(model('z-image-turbo')).toEqual({
      id: 'z-image-turbo',
      name: 'Z-Image Turbo',
      description: null,
      traits: ['default', 'fastest'],
      offline: false,
      deprecation: null,
      constraints: { promptCharacterLimit: 7500, steps: { default: 8, max: 8 }, widthHeightDivisor: 8 },
      pricing: { generation: { usd: 0.01, diem: 0.01 }, resolutions: null, quality: null },
      sizing: 'pixels',
      supportsNegativePrompt: false,
      usesSteps: false,
    });
  });

  it('knows which models take negative prompts and steps', () => {
    const ids = ['venice-sd35', 'lustify-v8', 'qwen-image', 'flux-2-pro'];
    expect(ids.map((id) => [model(id).supportsNegativePrompt, model(id).usesSteps])).toEqual([
      [true, true],
      [true, true],
      [false, false],
      [false, false],
    ]);
  });

  it('reads aspect-ratio sizing with per-resolution pricing', () => {
    const m = model('nano-banana-2');
    expect(m.sizing).toBe('aspect_ratio');
    expect(m.constraints).toMatchObject({ resolutions: ['1K', '2K', '4K'], defaultResolution: '1K', defaultAspectRatio: '1:1' });
    expect(m.constraints.aspectRatios).toContain('21:9');
    expect(m.pricing).toEqual({
      generation: null,
      resolutions: { '1K': { usd: 0.1, diem: 0.1 }, '2K': { usd: 0.14, diem: 0.14 }, '4K': { usd: 0.19, diem: 0.19 } },
      quality: null,
    });
  });

  it('reads qualities and the quality price matrix', () => {
    const m = model('gpt-image-1-5');
    expect(m.constraints).toMatchObject({ qualities: ['low', 'medium', 'high'], defaultQuality: 'medium' });
    expect(m.pricing.quality).toEqual({ '1K': { low: { usd: 0.07, diem: 0.07 }, medium: { usd: 0.26, diem: 0.26 }, high: { usd: 0.98, diem: 0.98 } } });
  });

  it('reads deprecation with its replacement, and the offline flag', () => {
    expect(model('lustify-v7').deprecation).toEqual({ date: '2026-04-16T00:00:00.000Z', replacement: 'lustify-v8' });
    expect(model('lustify-v8').deprecation).toBeNull();
    expect(model('hunyuan-image-v3').offline).toBe(true);
    expect(models.filter((m) => m.offline).map((m) => m.id)).toEqual(['hunyuan-image-v3']);
  });

  it('skips an entry it cannot read and keeps the rest, tolerating unknown keys', async () => {
    const broken = createVeniceClient({
      baseUrl: fake.url,
      fetch: rewriting((body) => ({
        ...body,
        data: [
          { id: 'no-constraints', type: 'image', model_spec: { name: 'x', pricing: {} } },
          raw('negative-price', { pricing: { generation: { usd: -1, diem: 0 } } }),
          { ...raw('an-inpaint-model'), type: 'inpaint' },
          { ...raw('future-model', { shinyNewFlag: true, constraints: { promptCharacterLimit: 900, steps: { default: 4, max: 4 }, widthHeightDivisor: 16, maxStyleReferences: 3 } }), surprise: [1, 2] },
          42,
          ...body.data,
        ],
      })),
    });
    const list = await broken.listModels();
    expect(list.map((m) => m.id)).toEqual(['future-model', ...models.map((m) => m.id)]);
    expect(list[0]?.constraints).toEqual({ promptCharacterLimit: 900, steps: { default: 4, max: 4 }, widthHeightDivisor: 16 });
  });

  it('sends no Authorization without a key, the key when given, and maps a wrong key to AUTH_REJECTED', async () => {
    const before = fake.requests.length;
    await client.listModels();
    await client.listModels({ apiKey: KEY });
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['GET', '/api/v1/models', undefined],
      ['GET', '/api/v1/models', `Bearer ${KEY}`],
    ]);
    const err = await client.listModels({ apiKey: 'vk-wrong-key-123' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('AUTH_REJECTED');
    expect(JSON.stringify((err as AppError).toPayload())).not.toContain('vk-wrong-key-123');
  });

  it('calls an unreadable list INVALID_RESPONSE, without any talk of charges', async () => {
    const notAList = createVeniceClient({ baseUrl: fake.url, fetch: rewriting(() => ({ object: 'list', data: 'nope' })) });
    const err = (await notAList.listModels().catch((e: unknown) => e)) as AppError;
    expect([err.code, err.message]).toEqual(['INVALID_RESPONSE', expect.stringContaining('model list')]);
    expect(err.message).not.toMatch(/charged/);
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false });
  });

  it('reports OFFLINE when Venice cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const err = (await createVeniceClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` }).listModels().catch((e: unknown) => e)) as AppError;
    expect([err.code, err.message]).toEqual(['OFFLINE', 'Lagoon could not reach Venice — check your internet connection.']);
  });
});

describe('parseModelEntry', () => {
  it('fills in what Venice may leave out', () => {
    const m = parseModelEntry(raw('bare', { name: undefined, pricing: { generation: { usd: 0.02 } }, deprecation: { date: '2027-01-01' } }));
    expect(m).toMatchObject({ name: 'bare', pricing: { generation: { usd: 0.02, diem: null } }, deprecation: { date: '2027-01-01', replacement: null } });
  });

  it('treats an empty aspect-ratio list as pixel sizing and drops orphan defaults', () => {
    const m = parseModelEntry(raw('odd', { constraints: { promptCharacterLimit: 10, steps: { default: 1, max: 1 }, widthHeightDivisor: 1, aspectRatios: [], defaultAspectRatio: '1:1' } }));
    expect(m?.sizing).toBe('pixels');
    expect(m?.constraints).toEqual({ promptCharacterLimit: 10, steps: { default: 1, max: 1 }, widthHeightDivisor: 1 });
  });

  it.each([
    ['no id', { ...raw('x'), id: '' }],
    ['a fractional prompt limit', raw('x', { constraints: { promptCharacterLimit: 1.5, steps: { default: 1, max: 1 }, widthHeightDivisor: 1 } })],
    ['no model_spec', { id: 'x', type: 'image' }],
    ['a string', 'z-image-turbo'],
  ])('returns null for %s', (_label, entry) => {
    expect(parseModelEntry(entry)).toBeNull();
  });

  it('knows the negative-prompt allow-list of the API notes', () => {
    const ids = ['qwen-image-2', 'qwen-image-2-pro', 'qwen-image-3-pro', 'wan-2-7-text-to-image', 'wai-Illustrious', 'qwen-image', 'chroma'];
    expect(ids.map((id) => parseModelEntry(raw(id))?.supportsNegativePrompt)).toEqual([true, true, true, true, true, false, false]);
    expect(['wai-Illustrious', 'qwen-image-2', 'chroma'].map((id) => parseModelEntry(raw(id))?.usesSteps)).toEqual([true, false, false]);
  });
});

describe('styles and traits', () => {
  it('lists the style presets', async () => {
    const styles = await client.listStyles();
    expect(styles).toHaveLength(76);
    expect(styles).toEqual(expect.arrayContaining(['3D Model', 'Anime', 'Tilt-Shift']));
  });

  it('maps traits to model ids', async () => {
    expect(await client.getTraits()).toEqual({
      default: 'z-image-turbo',
      fastest: 'z-image-turbo',
      'eliza-default': 'venice-sd35',
      highest_quality: 'qwen-image',
      most_uncensored: 'lustify-v8',
    });
  });

  it('reads a bare style array, drops junk, and refuses shapes that are not lists', () => {
    expect(parseStyles(['Anime', 3, '', 'Cinematic'])).toEqual(['Anime', 'Cinematic']);
    expect(parseStyles({ object: 'list', data: ['Anime'] })).toEqual(['Anime']);
    expect(parseStyles({ data: 'Anime' })).toBeNull();
    expect(parseTraits({ data: { default: 'z-image-turbo', weird: 5 } })).toEqual({ default: 'z-image-turbo' });
    expect(parseTraits({ data: ['z-image-turbo'] })).toBeNull();
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore.ts';
import type { SecretStore } from '../../src/main/core/secrets/secretStore.ts';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { inertContext } from './helpers/requestContext.ts';

// The renderer's routes for iterating on images, through the real router and core against the fake Venice.

const KEY = 'test-key';
const ctx = inertContext();
const memoryStore = (value: string | null): SecretStore => ({ backend: 'memory', get: async () => value, set: async () => {}, delete: async () => {} });

let fake: FakeVenice;
let dataDir: string;
let core: Core;

beforeEach(async () => {
  fake = await startFakeVenice({ apiKey: KEY });
  dataDir = await mkdtemp(join(tmpdir(), 'lagoon-iterate-ipc-'));
  core = await createCore({ dataDir, apiBaseUrl: fake.url, keychainService: 'unused' }, { rendererDir: join(dataDir, 'none'), secretStore: memoryStore(KEY) });
});
afterEach(async () => {
  core?.close();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = async <T>(route: string, input: unknown): Promise<T> => {
  const result = await core.dispatch(route, input, ctx);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.data as T;
};

const settled = async (id: string): Promise<Job> => {
  for (;;) {
    const { jobs } = await call<{ jobs: Job[] }>('jobs.list', {});
    const job = jobs.find((j) => j.id === id);
    if (job && ['done', 'failed', 'blocked', 'cancelled'].includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('iterate routes', () => {
  it('catalog, prepare (price and result size before sending), queue, and lineage both ways', async () => {
    const catalog = await call<{ models: Array<{ id: string }>; prices: { upscale4x: number } }>('iterate.catalog', { refresh: true });
    expect(catalog.models.map((m) => m.id)).toContain('firered-image-edit');
    expect(catalog.prices.upscale4x).toBe(0.08);

    const { jobs } = await call<{ jobs: Job[] }>('jobs.enqueue', { requests: [{ endpoint: 'openai', prompt: 'a gull', size: '512x512', outputFormat: 'png', moderation: 'auto' }] });
    const original = (await settled((jobs[0] as Job).id)).imageIds[0] as string;
    const before = fake.requests.length;
    const draft = { endpoint: 'upscale', prompt: '', inputs: [{ kind: 'library', id: original }], scale: 4 };
    expect(await call('iterate.prepare', { draft })).toEqual({ priceUsd: 0.08, upscale: { width: 2048, height: 2048, factor: 4, clamped: false } });
    expect(fake.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(0);

    const { jobId } = await call<{ jobId: string }>('iterate.queue', { draft: { endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id: original }] } });
    const parent = (await settled(jobId)).imageIds[0] as string;
    const edit = await call<{ jobId: string }>('iterate.queue', {
      draft: { endpoint: 'edit', prompt: 'on a beach', model: 'firered-image-edit', inputs: [{ kind: 'library', id: parent }], enhancePrompt: false, safeMode: true },
    });
    const child = (await settled(edit.jobId)).imageIds[0] as string;
    expect(await call('images.lineage', { id: child })).toMatchObject({ operation: 'edit', parents: [{ id: parent, role: 'base', state: 'present' }] });
    expect(await call('images.lineage', { id: parent })).toMatchObject({ operation: 'remove-background', children: [child], parents: [{ id: original, role: 'source' }] });
  });

  it('refuses a bad draft, and a file path from the page (it could name any image on the disk), sending nothing', async () => {
    await expect(call('iterate.queue', { draft: { endpoint: 'upscale', prompt: '', inputs: [], scale: 3 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const photo = join(dataDir, 'photo.png');
    await writeFile(photo, await sharp({ create: { width: 640, height: 480, channels: 3, background: '#000' } }).png().toBuffer());
    await expect(call('iterate.queue', { draft: { endpoint: 'upscale', prompt: '', inputs: [{ kind: 'file', path: photo }], scale: 2 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachServicesOverFake } from './helpers/routedServices.ts';

// The renderer's routes for iterating on images, through the real router and core against the fake Venice.

const KEY = 'test-key';

let fake: FakeVenice;
let dataDir: string;
const { call, settled } = eachServicesOverFake({ key: KEY, prefix: 'lagoon-iterate-ipc-' }, (app) => ({ fake, dataDir } = app));

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

import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/core/services.ts';
import { dragCopiesFor } from '../../src/main/core/transfer/dragCopies.ts';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { rejectionOf } from './helpers/errorCode.ts';
import { memoryStore } from './helpers/queueHarness.ts';
import { eachServicesOverFake } from './helpers/routedServices.ts';

// The edit family through the real services: drafts checked before queueing, jobs through the persistent queue
// against the fake Venice over HTTP, results stored with their lineage in a real SQLite library.

const KEY = 'test-key';

let fake: FakeVenice;
let dataDir: string;
let services: Services;
eachServicesOverFake(
  { key: KEY, prefix: 'lagoon-iterate-q-', fake: { rateLimitPerMinute: 10_000 }, retry: { baseDelayMs: 1 } },
  (app) => ({ fake, dataDir, services } = app),
);

const posts = (path?: string): number => fake.requests.filter((r) => r.method === 'POST' && (path === undefined || r.path.endsWith(path))).length;

const generate = async (prompt: string): Promise<string> => {
  const [job] = services.queue.enqueue([{ endpoint: 'openai', prompt, size: '512x512', outputFormat: 'png', moderation: 'auto' }]);
  const done = await services.queue.settled((job as Job).id);
  expect(done.status).toBe('done');
  return done.imageIds[0] as string;
};

const run = async (draft: unknown): Promise<Job> => services.queue.settled((await services.iterate.queue(draft)).job.id);

describe('iterate through the queue', () => {
  it('generate → edit → upscale → remove background, each stored with its parent, operation and request', async () => {
    const original = await generate('a red kite over dunes');
    const edited = await run({ endpoint: 'edit', prompt: 'add a moon', model: 'firered-image-edit', inputs: [{ kind: 'library', id: original }], enhancePrompt: true, safeMode: true });
    expect(edited.status).toBe('done');
    const editId = edited.imageIds[0] as string;
    const upscaled = await run({ endpoint: 'upscale', prompt: '', inputs: [{ kind: 'library', id: editId }], scale: 2 });
    const upId = upscaled.imageIds[0] as string;
    const cut = await run({ endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id: upId }] });
    const cutId = cut.imageIds[0] as string;
    expect([posts('/image/edit'), posts('/image/upscale'), posts('/image/background-remove')]).toEqual([1, 1, 1]);

    const editDetail = services.library.get(editId);
    const upDetail = services.library.get(upId);
    expect([editDetail?.endpoint, editDetail?.prompt, upDetail?.endpoint, upDetail?.prompt]).toEqual(['edit', 'add a moon', 'upscale', 'add a moon']);
    expect([upDetail?.width, upDetail?.height]).toEqual([(editDetail?.width ?? 0) * 2, (editDetail?.height ?? 0) * 2]);
    const original256 = services.library.get(original);
    const editLineage = services.iterate.lineage(editId);
    expect(editLineage.parents).toEqual([{ id: original, sha256: original256?.sha256, role: 'base', operation: 'edit', state: 'present' }]);
    expect(editLineage.enhancedPrompt).toBe('add a moon, highly detailed, dramatic lighting');
    expect(editLineage.request).toMatchObject({ model: 'firered-image-edit', image: { imageId: original, sha256: original256?.sha256 } });
    expect(JSON.stringify(editLineage.request)).not.toMatch(/[A-Za-z0-9+/]{200}/);
    expect(services.iterate.lineage(original).children).toEqual([editId]);
    expect(services.iterate.lineage(cutId)).toMatchObject({ operation: 'remove-background', parents: [{ id: upId, role: 'source' }] });
    expect(edited.priceUsd).toBe(0.04);
    expect(upscaled.priceUsd).toBe(0.02);

    // Transparency is kept: the stored file and its WebP thumbnail both have alpha.
    const cutPath = services.library.mediaPath('image', cutId) as string;
    const thumbPath = services.library.mediaPath('thumb', cutId) as string;
    expect((await sharp(cutPath).metadata()).hasAlpha).toBe(true);
    const thumb = await sharp(thumbPath).metadata();
    expect([thumb.format, thumb.hasAlpha]).toEqual(['webp', true]);
  });

  it('combines images in the chosen order: base first, the others as layers', async () => {
    const a = await generate('first');
    const b = await generate('second');
    const c = await generate('third');
    const job = await run({ endpoint: 'combine', prompt: 'all three', model: 'qwen-edit', inputs: [c, a, b].map((id) => ({ kind: 'library', id })), enhancePrompt: false, safeMode: true });
    expect(job.status).toBe('done');
    const lineage = services.iterate.lineage(job.imageIds[0] as string);
    expect(lineage.parents.map((p) => [p.id, p.role])).toEqual([[c, 'base'], [a, 'layer'], [b, 'layer']]);
  });

  it('a trashed, then purged parent leaves the child saying what it was made from', async () => {
    const original = await generate('soon gone');
    const sha = services.library.get(original)?.sha256;
    const child = (await run({ endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id: original }] })).imageIds[0] as string;
    services.trash.trash([original]);
    expect(services.iterate.lineage(child).parents[0]?.state).toBe('trashed');
    await services.trash.purge([original]);
    expect(services.iterate.lineage(child).parents).toEqual([{ id: original, sha256: sha, role: 'source', operation: 'remove-background', state: 'deleted' }]);
  });

  it('checks inputs and options before queueing: nothing is sent', async () => {
    const small = join(dataDir, 'small.png');
    await writeFile(small, await sharp({ create: { width: 200, height: 200, channels: 3, background: '#fff' } }).png().toBuffer());
    const tooSmall = await rejectionOf(services.iterate.queue({ endpoint: 'upscale', prompt: '', inputs: [{ kind: 'file', path: small }], scale: 2 }));
    expect([tooSmall.code, (tooSmall.details as { problem: string }).problem]).toEqual(['INVALID_INPUT', 'too_small']);
    const id = await generate('base');
    const four = [id, id, id, id].map((x) => ({ kind: 'library', id: x }));
    expect((await rejectionOf(services.iterate.queue({ endpoint: 'combine', prompt: 'p', model: 'qwen-edit', inputs: four, enhancePrompt: false, safeMode: true }))).message).toMatch(/at most 3 images/);
    expect((await rejectionOf(services.iterate.queue({ endpoint: 'edit', prompt: 'p', model: 'grok-imagine-edit', inputs: [{ kind: 'library', id }], enhancePrompt: false, safeMode: true }))).message).toMatch(/offline/);
    expect([posts('/image/upscale'), posts('/image/multi-edit'), posts('/image/edit')]).toEqual([0, 0, 0]);
    expect(services.queue.list().length).toBe(1);
  });

  it('a refusal stores nothing; a file input is named by its file name and hash', async () => {
    const id = await generate('refuse me');
    const before = services.library.count({});
    const refused = await run({ endpoint: 'edit', prompt: '[fail:violation]', model: 'firered-image-edit', inputs: [{ kind: 'library', id }], enhancePrompt: false, safeMode: true });
    expect([refused.status, refused.error?.code, refused.mayHaveBeenCharged, services.library.count({})]).toEqual(['blocked', 'CONTENT_BLOCKED', false, before]);
    const file = join(dataDir, 'outside.png');
    await writeFile(file, await sharp({ create: { width: 400, height: 300, channels: 3, background: '#123456' } }).png().toBuffer());
    const job = await run({ endpoint: 'upscale', prompt: '', inputs: [{ kind: 'file', path: file }], scale: 4 });
    const lineage = services.iterate.lineage(job.imageIds[0] as string);
    expect(lineage.parents[0]).toMatchObject({ id: null, role: 'source', state: 'file' });
    expect(lineage.request).toMatchObject({ scale: 4, image: { file: 'outside.png' } });
  });

  it('a cut-out keeps its transparency when exported (with and without metadata) and when dragged out', async () => {
    const id = await generate('a disc on a flat ground');
    const cutId = (await run({ endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id }] })).imageIds[0] as string;
    for (const stripMetadata of [false, true]) {
      const dir = join(dataDir, `export-${stripMetadata}`);
      const result = await services.transfer.exportTo([cutId], { stripMetadata, sidecar: false }, { dir });
      expect(result.done).toBe(1);
      const [name] = await readdir(dir);
      const { data, info } = await sharp(join(dir, name as string)).raw().toBuffer({ resolveWithObject: true });
      expect([info.channels, data[3]]).toEqual([4, 0]);
    }
    const [dragged] = await dragCopiesFor({ library: services.library, dataDir }, [cutId]);
    const meta = await sharp(dragged as string).metadata();
    expect([meta.format, meta.hasAlpha]).toEqual(['png', true]);
  });

  it('follows the queue rules: no resend after an ambiguous failure, cancel while sending', async () => {
    const id = await generate('rules');
    const edit = (prompt: string) => ({ endpoint: 'edit', prompt, model: 'firered-image-edit', inputs: [{ kind: 'library', id }], enhancePrompt: false, safeMode: true });
    const broken = await run(edit('[fail:500] broken'));
    expect([broken.status, broken.error?.code, broken.mayHaveBeenCharged, posts('/image/edit')]).toEqual(['failed', 'UPSTREAM_ERROR', true, 1]);

    const { job } = await services.iterate.queue(edit('[fail:slow:10000] slow'));
    while (posts('/image/edit') < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const cancelled = await services.queue.cancel(job.id);
    expect([cancelled.status, cancelled.mayHaveBeenCharged]).toEqual(['cancelled', true]);
  });
});

/** What fetch throws when nothing listens: the transport reads it as "never sent". */
const refused = (): Error => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });

describe('iterate while offline', () => {
  it('waits for the network without sending, then runs', async () => {
    await services.shutdown();
    let offline = false;
    const fetchUnlessOffline: typeof fetch = (input, init) => (offline ? Promise.reject(refused()) : fetch(input, init));
    services = createServices(
      { dataDir, apiBaseUrl: fake.url, keychainService: 'unused' },
      { secretStore: memoryStore(KEY), launchMaintenance: false, fetch: fetchUnlessOffline, queue: { probeIntervalMs: 20 } },
    );
    try {
      const id = await generate('before the outage');
      await services.iterate.catalog.refresh();
      offline = true;
      const { job } = await services.iterate.queue({ endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id }] });
      while (services.queue.get(job.id)?.status !== 'waiting_offline') await new Promise((resolve) => setTimeout(resolve, 10));
      expect(posts('/image/background-remove')).toBe(0);
      offline = false;
      // The queue's probe finds the network again and the job runs ("settled" counts waiting as settled).
      while (services.queue.get(job.id)?.status !== 'done') await new Promise((resolve) => setTimeout(resolve, 10));
      expect(posts('/image/background-remove')).toBe(1);
    } finally {
      await services.shutdown();
    }
  });
});

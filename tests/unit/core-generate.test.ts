import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore.ts';
import type { EventName } from '../../src/shared/ipc/contract.ts';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { memoryStore } from './helpers/queueHarness.ts';
import { inertContext } from './helpers/requestContext.ts';

/** Where a job rests: finished one way or another, or waiting for the network. */
const SETTLED = new Set<Job['status']>(['done', 'failed', 'blocked', 'cancelled', 'waiting_offline']);
const KEY = 'sk-canary-5d1e2f7a-9b3c-4e8d-a6f0-1c2b3d4e5f60';
const ctx = inertContext();


/** Every file under dir, recursively. */
const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));

describe('core: generate end to end against the fake Venice', () => {
  let fake: FakeVenice;
  let dataDir: string;
  let core: Core;
  let events: Array<[EventName, unknown]>;

  const boot = async (key: string | null) => {
    core = await createCore(
      { dataDir, apiBaseUrl: fake.url, keychainService: 'unused' },
      { rendererDir: join(dataDir, 'no-renderer'), secretStore: memoryStore(key) },
    );
    events = [];
    core.onEvent((name, payload) => events.push([name, payload]));
  };
  /** What the Generate button does: one job through the IPC router, then what the queue panel shows when it settles. */
  const generate = async (prompt: string, extra: Record<string, unknown> = {}): Promise<Job> => {
    const request = { endpoint: 'openai', prompt, size: '512x512', outputFormat: 'png', moderation: 'auto', ...extra };
    const queued = await core.dispatch('jobs.enqueue', { requests: [request] }, ctx);
    if (!queued.ok) throw new Error(`enqueue failed: ${JSON.stringify(queued.error)}`);
    const [{ id }] = (queued.data as { jobs: [Job] }).jobs;
    for (;;) {
      const listed = await core.dispatch('jobs.list', {}, ctx);
      const job = listed.ok ? (listed.data as { jobs: Job[] }).jobs.find((j) => j.id === id) : undefined;
      if (job && SETTLED.has(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const listed = async () => {
    const page = await core.dispatch('images.search', { query: {} }, ctx);
    if (!page.ok) throw new Error(`search failed: ${JSON.stringify(page.error)}`);
    return (page.data as { items: Array<{ id: string }> }).items;
  };
  const posts = () => fake.requests.filter((r) => r.method === 'POST').length;
  // Jobs and the account announce their own changes too (queue tests cover those).
  const imageEvents = () => events.filter(([name]) => name === 'images.changed');
  const imageFiles = () => (existsSync(join(dataDir, 'images')) ? allFiles(join(dataDir, 'images')) : []);

  beforeEach(async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    dataDir = await mkdtemp(join(tmpdir(), 'lagoon-core-'));
  });
  afterEach(async () => {
    core?.close();
    await fake.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores the image, its thumbnail and its row, and announces it', async () => {
    await boot(KEY);
    const job = await generate('A lighthouse over a calm lagoon', { outputFormat: 'webp', size: '1024x1536' });
    expect(job).toMatchObject({ status: 'done', imageIds: [expect.any(String)] });
    const result = await core.dispatch('images.get', { id: job.imageIds[0] }, ctx);
    if (!result.ok) throw new Error('the stored image is not in the library');
    const image = result.data as { id: string; width: number; height: number; format: string; request: Record<string, unknown>; sha256: string; byteSize: number };
    expect(image).toMatchObject({ width: 1024, height: 1536, format: 'webp' });
    expect(image.request).toMatchObject({ prompt: 'A lighthouse over a calm lagoon', size: '1024x1536', output_format: 'webp', n: 1 });

    const file = core.library.mediaPath('image', image.id);
    const thumb = core.library.mediaPath('thumb', image.id);
    expect(file && statSync(file).size).toBe(image.byteSize);
    expect(await sharp(file!).metadata()).toMatchObject({ width: 1024, height: 1536, format: 'webp' });
    expect((await sharp(thumb!).metadata()).format).toBe('webp');
    expect(imageEvents()).toEqual([['images.changed', { reason: 'added', ids: [image.id] }]]);

    expect(await listed()).toMatchObject([{ id: image.id }]);
    expect(fake.requests.find((r) => r.method === 'POST')?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('never writes the key into the database, its WAL, or any library file', async () => {
    await boot(KEY);
    expect((await generate('Canary sweep')).status).toBe('done');
    expect((await generate('[fail:500] canary sweep')).status).toBe('failed');
    core.close();
    const forms = [KEY, Buffer.from(KEY).toString('base64'), encodeURIComponent(KEY)];
    for (const path of allFiles(dataDir)) {
      const bytes = readFileSync(path).toString('latin1');
      for (const form of forms) expect(bytes.includes(form), `${form} in ${path}`).toBe(false);
    }
    // Positive control: the scanner would have found it.
    expect(Buffer.from(`xx${KEY}xx`).toString('latin1').includes(KEY)).toBe(true);
    await boot(KEY); // afterEach closes again
  });

  it('without a key, explains and sends nothing', async () => {
    await boot(null);
    expect(await generate('No key yet')).toMatchObject({ status: 'failed', error: { code: 'KEY_MISSING' } });
    expect(posts()).toBe(0);
  });

  it('a rejected key: AUTH_REJECTED, one POST, nothing stored', async () => {
    await boot('a-wrong-key-of-decent-length');
    expect(await generate('Wrong key')).toMatchObject({ status: 'failed', error: { code: 'AUTH_REJECTED' } });
    expect(posts()).toBe(1);
    expect(imageFiles()).toEqual([]);
    expect(await listed()).toEqual([]);
  });

  it('a content-policy violation is not put into the library', async () => {
    await boot(KEY);
    expect(await generate('[fail:violation] something forbidden')).toMatchObject({ status: 'blocked', error: { code: 'CONTENT_BLOCKED' } });
    expect(imageFiles()).toEqual([]);
    expect(imageEvents()).toEqual([]);
  });

  it('bytes that are not the requested format are refused and leave no file', async () => {
    await boot(KEY);
    expect(await generate('[fail:wrongformat] sneaky')).toMatchObject({ status: 'failed', error: { code: 'INVALID_RESPONSE' } });
    expect(imageFiles()).toEqual([]);
  });

  it('Venice unreachable: OFFLINE, and the library still lists what it had', async () => {
    await boot(KEY);
    expect((await generate('Before the outage')).status).toBe('done');
    await fake.close();
    expect(await generate('During the outage')).toMatchObject({ status: 'waiting_offline', error: { code: 'OFFLINE' } });
    expect(await listed()).toHaveLength(1);
  });
});

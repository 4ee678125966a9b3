import { describe, expect, it } from 'vitest';
import { buildHandlers } from '../../src/main/core/handlers/index.ts';
import { createRouter } from '../../src/main/core/ipc/router.ts';
import { routes } from '../../src/shared/ipc/contract.ts';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { allFiles, eachWithFakeVenice, generationPosts, type Harness, memoryStore, native, simple } from './helpers/queueHarness.ts';
import { inertContext } from './helpers/requestContext.ts';

const ctx = inertContext();

describe('generation queue: one job end to end, per failure class', () => {
  let fake: FakeVenice;
  let h: Harness;
  eachWithFakeVenice((f, harness) => ((fake = f), (h = harness)));

  const runOne = async (request: Parameters<Harness['services']['queue']['enqueue']>[0][number]): Promise<Job> => {
    const [job] = h.services.queue.enqueue([request]);
    return h.services.queue.settled(job!.id);
  };

  it('simple job: queued → running → done, the image stored with its job, price and what Venice sent back', async () => {
    h.open(fake.url);
    await h.services.catalogReady;
    const job = await runOne(simple('A heron at dawn'));
    expect(job).toMatchObject({ status: 'done', error: null, mayHaveBeenCharged: false, attempts: 1, priceUsd: 0.01 });
    expect(h.jobEvents(job.id)).toEqual(['queued', 'running', 'done']);
    expect(job.imageIds).toHaveLength(1);
    const image = h.services.library.get(job.imageIds[0]!);
    expect(image).toMatchObject({ jobId: job.id, blurred: false, priceUsd: 0.01, endpoint: 'openai', model: 'z-image-turbo' });
    expect(image?.response).toMatchObject({ flags: { blurred: false, contentViolation: false } });
    expect((image!.response as { headers: Record<string, string> }).headers['x-venice-balance-usd']).toBeDefined();
    expect(h.events).toContainEqual(['images.changed', { reason: 'added', ids: job.imageIds }]);
    expect(generationPosts(fake)).toBe(1);
  });

  it('native job: variants become images of one batch; the random seed is chosen, recorded and sent', async () => {
    h.open(fake.url);
    await h.services.catalogReady;
    const [queued] = h.services.queue.enqueue([native('Three koi', { variants: 3 })]);
    const seed = (queued!.request as { seed?: number }).seed;
    expect(seed).toEqual(expect.any(Number));
    const job = await h.services.queue.settled(queued!.id);
    expect(job).toMatchObject({ status: 'done', priceUsd: 0.03 });
    expect(job.imageIds).toHaveLength(3);
    const images = job.imageIds.map((id) => h.services.library.get(id)!);
    expect(new Set(images.map((i) => i.sha256)).size).toBe(3);
    for (const image of images) {
      expect(image).toMatchObject({ jobId: job.id, endpoint: 'native', priceUsd: 0.01, width: 256, height: 256 });
      expect(image.request).toMatchObject({ model: 'z-image-turbo', seed, variants: 3, safe_mode: true, hide_watermark: false, format: 'png' });
      expect(image.response).toMatchObject({ id: expect.stringMatching(/^generate-image-/), timing: { total: expect.any(Number) } });
      expect(image.response.echoedRequest).toBeTruthy();
    }
    const sent = fake.requests.find((r) => r.path.endsWith('/image/generate'))?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ seed, variants: 3 });
    expect(generationPosts(fake)).toBe(1);
  });

  it('500: exactly one POST, failed, may have been charged, nothing stored', async () => {
    h.open(fake.url);
    const job = await runOne(simple('[fail:500] broken'));
    expect(job).toMatchObject({ status: 'failed', mayHaveBeenCharged: true, imageIds: [], error: { code: 'UPSTREAM_ERROR' } });
    expect(generationPosts(fake)).toBe(1);
    expect(allFiles(`${h.dataDir}/images`)).toEqual([]);
  });

  it('content violation: blocked, one POST, no image, not charged (price 0)', async () => {
    h.open(fake.url);
    const job = await runOne(native('[fail:violation] forbidden'));
    expect(job).toMatchObject({ status: 'blocked', mayHaveBeenCharged: false, imageIds: [], priceUsd: 0, error: { code: 'CONTENT_BLOCKED' } });
    expect(generationPosts(fake)).toBe(1);
    expect(allFiles(`${h.dataDir}/images`)).toEqual([]);
    expect(h.events.some(([name]) => name === 'images.changed')).toBe(false);
  });

  it('blurred: stored and flagged', async () => {
    h.open(fake.url);
    const job = await runOne(simple('nsfw test subject'));
    expect(job.status).toBe('done');
    const page = h.services.library.list({});
    expect(page.items).toMatchObject([{ id: job.imageIds[0], blurred: true }]);
    expect(h.services.library.get(job.imageIds[0]!)?.blurred).toBe(true);
  });

  it('no key: failed KEY_MISSING without a request; a model check failure is refused before anything is queued', async () => {
    h.open(fake.url, { secretStore: memoryStore(null) });
    await h.services.catalogReady;
    expect(await runOne(simple('No key'))).toMatchObject({ status: 'failed', attempts: 0, mayHaveBeenCharged: false, error: { code: 'KEY_MISSING' } });
    const bad = [native('ok'), native('too many steps', { model: 'venice-sd35', width: 512, height: 512, steps: 31 })];
    expect(() => h.services.queue.enqueue(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(h.services.queue.list()).toHaveLength(1);
    expect(generationPosts(fake)).toBe(0);
  });

  it('retry is a new job with the same request, only when asked; done jobs cannot be retried', async () => {
    h.open(fake.url);
    const failed = await runOne(simple('[fail:500] flaky'));
    const again = h.services.queue.retry(failed.id);
    expect(again.id).not.toBe(failed.id);
    expect(again.request).toEqual(failed.request);
    await h.services.queue.settled(again.id);
    expect(generationPosts(fake, '[fail:500] flaky')).toBe(2);
    const ok = await runOne(simple('fine'));
    expect(() => h.services.queue.retry(ok.id)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('routes: enqueue, list, prompts.recent (distinct, newest first), account status with balance and spend today', async () => {
    const services = h.open(fake.url);
    await services.catalogReady;
    const dispatch = createRouter(buildHandlers(services));
    const enqueued = await dispatch('jobs.enqueue', { requests: [simple('first'), simple('second'), simple('first')] }, ctx);
    expect(enqueued.ok).toBe(true);
    const jobs = (enqueued as { data: { jobs: Job[] } }).data.jobs;
    const done = await h.settledAll(jobs);
    const listed = await dispatch('jobs.list', {}, ctx);
    expect((listed as { data: { jobs: Job[] } }).data.jobs.map((j) => j.status)).toEqual(['done', 'done', 'done']);
    // Outputs are not re-parsed at the boundary: they must already match the contract exactly.
    expect(routes['jobs.list'].output.safeParse((listed as { data: unknown }).data).success).toBe(true);
    const image = await dispatch('images.get', { id: done[0]!.imageIds[0] }, ctx);
    expect(routes['images.get'].output.safeParse((image as { data: unknown }).data).success).toBe(true);
    const prompts = await dispatch('prompts.recent', {}, ctx);
    expect((prompts as { data: { prompts: Array<{ prompt: string }> } }).data.prompts.map((p) => p.prompt).toSorted()).toEqual(['first', 'second']);
    const account = await dispatch('account.get_status', {}, ctx);
    expect(account).toMatchObject({ ok: true, data: { spentTodayUsd: 0.03, online: true, balanceUsd: expect.any(Number) } });
    expect((account as { data: { rateLimit: { limit: number } } }).data.rateLimit.limit).toBe(20);
    expect(h.events.some(([name]) => name === 'account.changed')).toBe(true);
    const models = await dispatch('models.list', {}, ctx);
    expect((models as { data: { models: unknown[] } }).data.models.length).toBeGreaterThan(5);
  });

  it('a simple-form job stores its image, which names the job that made it', async () => {
    const services = h.open(fake.url);
    const [job] = services.queue.enqueue([simple('Via the simple form', { size: '256x256', outputFormat: 'webp', moderation: 'low' })]);
    const settled = await services.queue.settled(job!.id);
    const image = services.library.get(settled.imageIds[0]!);
    expect(image).toMatchObject({ format: 'webp', jobId: job!.id });
    expect(services.queue.get(job!.id)).toMatchObject({ status: 'done', imageIds: [image!.id] });
  });
});

import { describe, expect, it } from 'vitest';
import type { FakeVenice } from '../fake-venice/server.ts';
import { allFiles, eachWithFakeVenice, generationPosts, type Harness, native, simple, waitFor } from './helpers/queueHarness.ts';

/** Cancel one, cancel all, and quitting with work in flight: nothing stored, nothing half-written, never re-sent. */
describe('generation queue: cancelling and closing', () => {
  let fake: FakeVenice;
  let h: Harness;
  eachWithFakeVenice((f, harness) => ((fake = f), (h = harness)));

  const noMedia = () => {
    expect(allFiles(`${h.dataDir}/images`)).toEqual([]);
    expect(allFiles(`${h.dataDir}/thumbs`)).toEqual([]);
  };
  const running = (id: string) => h.services.queue.get(id)?.status === 'running';

  it('a queued job is cancelled at once and never sent', async () => {
    h.open(fake.url, { queue: { concurrency: 1 } });
    const [first, second] = h.services.queue.enqueue([simple('[fail:slow:300] first'), simple('second, cancelled')]);
    const cancelled = await h.services.queue.cancel(second!.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', mayHaveBeenCharged: false, error: { code: 'CANCELLED' } });
    expect((await h.services.queue.settled(first!.id)).status).toBe('done');
    expect(generationPosts(fake, 'second, cancelled')).toBe(0);
    expect(h.jobEvents(second!.id)).toEqual(['queued', 'cancelled']);
  });

  it('a running job is aborted: cancelled, no image, no temp file, and Venice saw one POST', async () => {
    h.open(fake.url);
    const [job] = h.services.queue.enqueue([native('[fail:slow:3000] too slow', { variants: 2 })]);
    await waitFor('the POST to arrive', () => generationPosts(fake) === 1);
    const cancelled = await h.services.queue.cancel(job!.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', imageIds: [], error: { code: 'CANCELLED' }, mayHaveBeenCharged: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.services.queue.get(job!.id)?.status).toBe('cancelled');
    expect(generationPosts(fake)).toBe(1);
    expect(h.services.library.list({}).items).toEqual([]);
    noMedia();
  });

  it('cancel all: running and queued alike, nothing stored, the queue still works afterwards', async () => {
    h.open(fake.url);
    const jobs = h.services.queue.enqueue(Array.from({ length: 5 }, (_, i) => simple(`[fail:slow:3000] batch ${i}`)));
    await waitFor('two to be running and sent', () => jobs.filter((j) => running(j.id)).length === 2 && generationPosts(fake) === 2);
    expect(h.services.queue.cancelAll()).toBe(5);
    const settled = await h.settledAll(jobs);
    expect(settled.map((j) => j.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(generationPosts(fake)).toBe(2);
    noMedia();
    const [later] = h.services.queue.enqueue([simple('after the storm')]);
    expect((await h.services.queue.settled(later!.id)).status).toBe('done');
  });

  it('cancelling a finished job changes nothing', async () => {
    h.open(fake.url);
    const [job] = h.services.queue.enqueue([simple('done already')]);
    const done = await h.services.queue.settled(job!.id);
    expect(await h.services.queue.cancel(job!.id)).toEqual(done);
    await expect(h.services.queue.cancel('8a3c1f6e-2b4d-4e8f-9a1b-3c5d7e9f1a2b')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancel while a caller waits for the job: the caller sees it CANCELLED', async () => {
    const services = h.open(fake.url);
    const [job] = services.queue.enqueue([simple('[fail:slow:3000] waited for')]);
    const pending = services.queue.settled(job!.id);
    await waitFor('the POST to arrive', () => generationPosts(fake) === 1);
    await services.queue.cancel(job!.id);
    await expect(pending).resolves.toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
  });

  it.each(['close', 'shutdown'] as const)('%s with a job in flight: failed as "may have been charged", not re-sent on the next start', async (how) => {
    h.open(fake.url, { queue: { concurrency: 1 } });
    const [sent, waiting] = h.services.queue.enqueue([simple('[fail:slow:3000] in flight'), simple('still queued')]);
    await waitFor('the POST to arrive', () => generationPosts(fake) === 1);
    if (how === 'close') h.services.close();
    else await h.services.shutdown();
    const reopened = h.open(fake.url);
    expect(reopened.queue.get(sent!.id)).toMatchObject({
      status: 'failed',
      mayHaveBeenCharged: true,
      error: { code: 'CANCELLED', message: expect.stringMatching(/may have been charged/) },
    });
    expect((await reopened.queue.settled(waiting!.id)).status).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(generationPosts(fake, '[fail:slow:3000] in flight')).toBe(1);
    noMediaExcept(1);
  });

  const noMediaExcept = (n: number) => {
    expect(allFiles(`${h.dataDir}/images`).filter((f) => !f.includes('.tmp-'))).toHaveLength(n);
    expect(allFiles(`${h.dataDir}/images`).filter((f) => f.includes('.tmp-'))).toEqual([]);
  };
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { createHarness, fetchWithoutRateLimitHeaders, generationPosts, type Harness, KEY, manualClock, simple, startCountingProxy, waitFor } from './helpers/queueHarness.ts';

/** Concurrency, Venice's rate limit, de-duplication and the circuit breaker, all against the real fake over HTTP. */
describe('generation queue: how much goes out, and when', () => {
  let fake: FakeVenice;
  let h: Harness;
  const closers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.dispose();
    for (const close of closers.splice(0)) await close();
    await fake.close();
  });

  const statuses = () => h.services.queue.list(500).map((j) => j.status);
  const count = (status: string) => statuses().filter((s) => s === status).length;

  it('never has more than 2 generations in flight at Venice', async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    const proxy = await startCountingProxy(fake.url);
    closers.push(proxy.close);
    h.open(proxy.url);
    const jobs = h.services.queue.enqueue(Array.from({ length: 7 }, (_, i) => simple(`[fail:slow:300] slow ${i}`)));
    await waitFor('the first two to be running', () => count('running') === 2);
    expect(count('queued')).toBe(5);
    const done = await h.settledAll(jobs);
    expect(done.every((j) => j.status === 'done')).toBe(true);
    expect(proxy.maxInFlight()).toBe(2);
    expect(generationPosts(fake)).toBe(7);
  });

  it('100 requests: at most 20 POSTs per minute, exactly one POST per job, all done', async () => {
    fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 1000 });
    const clock = manualClock();
    h.open(fake.url, { clock, queue: { concurrency: 4 }, fetch: fetchWithoutRateLimitHeaders });
    const jobs = h.services.queue.enqueue(Array.from({ length: 100 }, (_, i) => simple(`burst ${i}`)));
    for (let minute = 1; minute <= 5; minute++) {
      await waitFor(`minute ${minute}: 20 more done`, () => count('done') === 20 * minute);
      // Nothing else may start until the window moves on.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(generationPosts(fake)).toBe(20 * minute);
      expect(count('running')).toBe(0);
      clock.advance(60_000);
    }
    const done = await h.settledAll(jobs);
    expect(done.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
    for (let i = 0; i < 100; i++) expect(generationPosts(fake, `burst ${i}`)).toBe(1);
  });

  it('a native job counts each variant against the limit', async () => {
    fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 1000 });
    const clock = manualClock();
    h.open(fake.url, { clock, queue: { ratePerMinute: 5 }, fetch: fetchWithoutRateLimitHeaders });
    const base = { endpoint: 'native', model: 'z-image-turbo', format: 'png', safeMode: true, hideWatermark: false, width: 256, height: 256 } as const;
    const [four, two] = h.services.queue.enqueue([
      { ...base, prompt: 'four', variants: 4 },
      { ...base, prompt: 'two', variants: 2 },
    ]);
    await h.services.queue.settled(four!.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.services.queue.get(two!.id)?.status).toBe('queued');
    clock.advance(60_000);
    expect((await h.services.queue.settled(two!.id)).status).toBe('done');
  });

  it("adopts Venice's reported limit: with none remaining it waits for the reset instead of provoking a 429", async () => {
    fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 3 });
    h.open(fake.url);
    const jobs = h.services.queue.enqueue(Array.from({ length: 4 }, (_, i) => simple(`limited ${i}`)));
    await h.settledAll(jobs.slice(0, 3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(generationPosts(fake)).toBe(3);
    expect(h.services.queue.get(jobs[3]!.id)?.status).toBe('queued');
    expect(h.services.account.status().rateLimit).toMatchObject({ limit: 3, remaining: 0 });
  });

  it('five failures in a row pause the queue for 30 s (no failure storm), and the account status says until when', async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    const clock = manualClock();
    h.open(fake.url, { clock, queue: { concurrency: 1 } });
    const announced: Array<number | null> = [];
    h.services.events.subscribe((name, payload) => void (name === 'account.changed' && announced.push((payload as { queuePausedUntil: number | null }).queuePausedUntil)));
    const jobs = h.services.queue.enqueue(Array.from({ length: 7 }, (_, i) => simple(`[fail:500] storm ${i}`)));
    await h.settledAll(jobs.slice(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(generationPosts(fake)).toBe(5);
    expect(count('queued')).toBe(2);
    const pausedAt = clock.now();
    expect(h.services.account.status().queuePausedUntil).toBe(pausedAt + 30_000);
    // Other account news (the spend ledger after each failure) is announced too: what matters is that no pause is
    // announced before it happened, and every announcement since says until when.
    const firstPaused = announced.findIndex((until) => until !== null);
    expect(firstPaused).toBeGreaterThanOrEqual(0);
    expect(announced.slice(0, firstPaused).every((until) => until === null)).toBe(true);
    expect(announced.slice(firstPaused).every((until) => until === pausedAt + 30_000)).toBe(true);
    clock.advance(29_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(generationPosts(fake)).toBe(5);
    clock.advance(1_000);
    expect(h.services.account.status().queuePausedUntil).toBe(null);
    const rest = await h.settledAll(jobs.slice(5));
    expect(rest.map((j) => j.status)).toEqual(['failed', 'failed']);
    expect(generationPosts(fake)).toBe(7);
  });
});

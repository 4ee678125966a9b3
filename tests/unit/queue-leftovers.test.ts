import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { createHarness, generationPosts, type Harness, KEY, simple, waitFor } from './helpers/queueHarness.ts';

/** A pid that surely ran and is gone. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

const ID = {
  cliQueued: '11111111-1111-4111-8111-111111111111',
  cliUnsent: '22222222-2222-4222-8222-222222222222',
  cliSent: '33333333-3333-4333-8333-333333333333',
  oldUnknown: '44444444-4444-4444-8444-444444444444',
  appUnsent: '55555555-5555-4555-8555-555555555555',
  cliOffline: '66666666-6666-4666-8666-666666666666',
};

/**
 * Jobs of a `lagoon` command that was killed are the user's to send: the app holds them as 'interrupted' and sends
 * one only on Run. The app's own leftovers still resume, as they always did.
 */
describe('generation queue: jobs left by an interrupted command', () => {
  let fake: FakeVenice;
  let h: Harness;
  beforeEach(async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    h = await createHarness();
  });
  afterEach(async () => {
    await h.dispose();
    await fake.close();
  });

  const plant = (id: string, status: string, kind: 'app' | 'cli' | null, sent = false): void => {
    const prompt = `left ${id.slice(0, 2)}`;
    const startedAt = status === 'running' ? Date.now() : null;
    h.services.db
      .prepare(
        `INSERT INTO jobs (id, created_at, started_at, sent_at, status, endpoint, request_json, prompt, owner_pid, owner_kind)
         VALUES (?, ?, ?, ?, ?, 'openai', ?, ?, ?, ?)`,
      )
      .run(id, Date.now(), startedAt, sent ? startedAt : null, status, JSON.stringify(simple(prompt)), prompt, deadPid(), kind);
  };

  it('at start: a dead command\'s jobs are held (charged only if sent), unknown owners too; the app\'s own resume', async () => {
    h.open(fake.url);
    plant(ID.cliQueued, 'queued', 'cli');
    plant(ID.cliUnsent, 'running', 'cli');
    plant(ID.cliSent, 'running', 'cli', true);
    plant(ID.oldUnknown, 'queued', null);
    plant(ID.appUnsent, 'running', 'app');
    plant(ID.cliOffline, 'waiting_offline', 'cli');
    h.services.close();

    const app = h.open(fake.url);
    expect((await app.queue.settled(ID.appUnsent)).status).toBe('done');
    for (const id of [ID.cliQueued, ID.cliUnsent, ID.oldUnknown, ID.cliOffline]) {
      expect(app.queue.get(id)).toMatchObject({ status: 'interrupted', mayHaveBeenCharged: false, error: { message: expect.stringMatching(/interrupted command/) } });
    }
    expect(app.queue.get(ID.cliSent)).toMatchObject({ status: 'failed', mayHaveBeenCharged: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(generationPosts(fake)).toBe(1);
    expect(generationPosts(fake, 'left 55')).toBe(1);
  });

  it('while the app runs: a job of a command that died since is held when the queue is listed, then Run sends it once and Discard never', async () => {
    const app = h.open(fake.url);
    plant(ID.cliQueued, 'queued', 'cli');
    plant(ID.cliUnsent, 'queued', 'cli');
    // The pump runs on every enqueue and finish: make one happen, the planted rows must not be taken.
    const [own] = app.queue.enqueue([simple('the app’s own')]);
    expect((await app.queue.settled(own!.id)).status).toBe('done');
    expect(app.queue.list().filter((j) => j.status === 'interrupted').map((j) => j.id).toSorted()).toEqual([ID.cliQueued, ID.cliUnsent]);
    expect(h.jobEvents(ID.cliQueued)).toContain('interrupted');
    expect(generationPosts(fake)).toBe(1);

    const running = app.queue.runInterrupted(ID.cliQueued);
    expect(running.status).toBe('queued');
    expect((await app.queue.settled(ID.cliQueued)).status).toBe('done');
    expect(app.queue.discardInterrupted(ID.cliUnsent)).toMatchObject({ status: 'cancelled', mayHaveBeenCharged: false });
    await waitFor('the run to be recorded', () => generationPosts(fake) === 2);
    expect(generationPosts(fake, `left ${ID.cliUnsent.slice(0, 2)}`)).toBe(0);
    expect(() => app.queue.runInterrupted(ID.cliUnsent)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => app.queue.discardInterrupted(own!.id)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('a command never takes another command\'s jobs, dead or alive, and holds nothing itself', async () => {
    h.open(fake.url, { queue: { owner: 'cli' } });
    plant(ID.cliQueued, 'queued', 'cli');
    plant(ID.appUnsent, 'queued', 'app');
    const [own] = h.services.queue.enqueue([simple('this command’s own')]);
    expect((await h.services.queue.settled(own!.id)).status).toBe('done');
    expect(h.services.queue.get(ID.cliQueued)?.status).toBe('queued');
    expect(h.services.queue.get(ID.appUnsent)?.status).toBe('queued');
    expect(generationPosts(fake)).toBe(1);
  });
});

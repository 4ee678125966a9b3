import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertImage } from '../../src/main/core/library/imageQueries.ts';
import type { AccountStatus } from '../../src/shared/ipc/schemas/catalog.ts';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { createHarness, generationPosts, type Harness, KEY, simple, waitFor } from './helpers/queueHarness.ts';

/** A fake that is not there: its port, closed, so connections are refused (provably never sent). */
const deadPort = async (): Promise<{ url: string; port: number }> => {
  const probe = await startFakeVenice({ apiKey: KEY });
  await probe.close();
  return { url: probe.url, port: Number(new URL(probe.url).port) };
};
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

/** Jobs live in the database: quitting, crashing and losing the network lose no prompt and never send one twice. */
describe('generation queue: restarts, crashes and the network', () => {
  let fake: FakeVenice | null;
  let h: Harness;

  beforeEach(async () => {
    h = await createHarness();
    fake = null;
  });
  afterEach(async () => {
    await h.dispose();
    await fake?.close();
  });

  const statuses = () => h.services.queue.list().map((j) => j.status).toSorted();

  it('five jobs queued while Venice is unreachable survive a restart and then run exactly once each', async () => {
    const { url, port } = await deadPort();
    h.open(url, { queue: { probeIntervalMs: 60_000 } });
    const jobs = h.services.queue.enqueue(Array.from({ length: 5 }, (_, i) => simple(`persisted ${i}`)));
    // Both slots found Venice gone; while offline nothing else is tried, so this state holds until the restart.
    await waitFor('the first sends to find Venice gone', () => statuses().join() === 'queued,queued,queued,waiting_offline,waiting_offline');
    expect(h.services.account.status().online).toBe(false);
    await h.services.shutdown();
    const onDisk = new Database(join(h.dataDir, 'lagoon.db'), { readonly: true });
    const rows = onDisk.prepare('SELECT status FROM jobs').all() as Array<{ status: string }>;
    onDisk.close();
    expect(rows.map((r) => r.status).every((st) => st === 'queued' || st === 'waiting_offline')).toBe(true);
    expect(rows).toHaveLength(5);

    fake = await startFakeVenice({ apiKey: KEY, port });
    const reopened = h.open(url);
    const done = await h.finishedAll(jobs);
    expect(done.map((j) => j.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    for (let i = 0; i < 5; i++) expect(generationPosts(fake, `persisted ${i}`)).toBe(1);
    expect(reopened.library.list({}).items).toHaveLength(5);
  });

  it('offline, jobs wait; when Venice is back the probe notices and they run by themselves', async () => {
    const { url, port } = await deadPort();
    h.open(url, { queue: { probeIntervalMs: 50 } });
    const jobs = h.services.queue.enqueue([simple('patient 1'), simple('patient 2'), simple('patient 3')]);
    // Both slots found Venice gone; the third is not even tried while offline.
    await waitFor('two jobs to wait for the network', () => statuses().join() === 'queued,waiting_offline,waiting_offline');
    const offline = h.events.filter(([name]) => name === 'account.changed').map(([, s]) => (s as AccountStatus).online);
    expect(offline).toContain(false);

    fake = await startFakeVenice({ apiKey: KEY, port });
    const done = await h.finishedAll(jobs);
    expect(done.map((j) => j.status)).toEqual(['done', 'done', 'done']);
    expect(generationPosts(fake)).toBe(3);
    expect(h.services.account.status().online).toBe(true);
    expect(h.jobEvents(jobs[0]!.id)).toEqual(expect.arrayContaining(['waiting_offline', 'queued', 'running', 'done']));
  });

  it("a job left running by a crash is failed as 'may have been charged' and not re-sent; another live process's jobs are left alone", async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    const first = h.open(fake.url);
    const ids = {
      crashed: '11111111-1111-4111-8111-111111111111',
      crashedDone: '22222222-2222-4222-8222-222222222222',
      othersRunning: '33333333-3333-4333-8333-333333333333',
      othersQueued: '44444444-4444-4444-8444-444444444444',
      orphanQueued: '55555555-5555-4555-8555-555555555555',
    };
    const dead = deadPid();
    const alive = process.ppid;
    const insert = first.db.prepare(
      `INSERT INTO jobs (id, created_at, started_at, sent_at, status, endpoint, request_json, prompt, owner_pid, owner_kind)
       VALUES (?, ?, ?, ?, ?, 'openai', ?, ?, ?, 'app')`,
    );
    const row = (id: string, status: string, owner: number, prompt: string) => {
      const startedAt = status === 'running' ? Date.now() : null;
      insert.run(id, Date.now(), startedAt, startedAt, status, JSON.stringify(simple(prompt)), prompt, owner);
    };
    row(ids.crashed, 'running', dead, 'crashed mid-flight');
    row(ids.crashedDone, 'running', dead, 'crashed after storing');
    row(ids.othersRunning, 'running', alive, 'the CLI is on it');
    row(ids.othersQueued, 'queued', alive, 'the CLI will send it');
    row(ids.orphanQueued, 'queued', dead, 'left behind in line');
    insertImage(first.db, {
      id: '66666666-6666-4666-8666-666666666666', createdAt: Date.now(), prompt: 'crashed after storing', model: 'z-image-turbo',
      endpoint: 'openai', requestJson: '{}', responseJson: '{}', format: 'png', width: 1, height: 1, byteSize: 1,
      sha256: 'a'.repeat(64), fileName: 'images/66/x.png', thumbName: 'thumbs/66/x.webp', jobId: ids.crashedDone,
    });
    first.close();

    const reopened = h.open(fake.url);
    expect(reopened.queue.get(ids.crashed)).toMatchObject({
      status: 'failed',
      mayHaveBeenCharged: true,
      error: { message: expect.stringMatching(/Lagoon stopped while this was being generated; it may have been charged/) },
    });
    expect(reopened.queue.get(ids.crashedDone)).toMatchObject({ status: 'done', imageIds: ['66666666-6666-4666-8666-666666666666'] });
    expect(reopened.queue.get(ids.othersRunning)?.status).toBe('running');
    expect((await reopened.queue.settled(ids.orphanQueued)).status).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reopened.queue.get(ids.othersQueued)?.status).toBe('queued');
    expect(generationPosts(fake, 'crashed mid-flight')).toBe(0);
    expect(generationPosts(fake, 'the CLI will send it')).toBe(0);
    expect(generationPosts(fake)).toBe(1);
    await expect(reopened.queue.cancel(ids.othersQueued)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('the CLI mode runs only its own jobs and recovers nothing', async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    const app = h.open(fake.url);
    app.db
      .prepare(`INSERT INTO jobs (id, created_at, status, endpoint, request_json, prompt, owner_pid, owner_kind) VALUES (?, ?, 'queued', 'openai', ?, ?, ?, 'app')`)
      .run('77777777-7777-4777-8777-777777777777', Date.now(), JSON.stringify(simple('app leftover')), 'app leftover', deadPid());
    app.close();
    const cli = h.open(fake.url, { queue: { owner: 'cli' } });
    const [own] = cli.queue.enqueue([simple('cli prompt')]);
    expect((await cli.queue.settled(own!.id)).status).toBe('done');
    expect(cli.queue.get('77777777-7777-4777-8777-777777777777')?.status).toBe('queued');
    expect(generationPosts(fake)).toBe(1);
  });
});

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/main/core/services.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { startLagoon, type StartedLagoon } from './cliRunner.ts';
import { eachCliTestbed } from './helpers/cliTestbed.ts';
import { memoryStore, waitFor } from './helpers/queueHarness.ts';

/** How long a state may take to show up: on a loaded machine one CLI process alone may need seconds to start. */
const SLOW_START_MS = 45_000;

const KEY = 'sk-canary-cli-int-3b9d2f1e-6a4c-4e8b-9d0f-2c5e7a1b3d6f';

interface JobRow {
  prompt: string;
  status: string;
  charged: number;
  sent: number;
}

/** The job rows as another process sees them. */
const jobRows = (dataDir: string): JobRow[] => {
  if (!existsSync(join(dataDir, 'lagoon.db'))) return [];
  const db = new Database(join(dataDir, 'lagoon.db'), { readonly: true, fileMustExist: true });
  try {
    // The CLI may still be creating the schema.
    if ((db.pragma('user_version', { simple: true }) as number) < 8) return [];
    return db
      .prepare('SELECT prompt, status, may_have_been_charged AS charged, sent_at IS NOT NULL AS sent FROM jobs ORDER BY created_at, rowid')
      .all() as JobRow[];
  } finally {
    db.close();
  }
};

/** Stop signals and a closed pipe, at each stage of a batch: nothing the user stopped is sent, now or later. */
describe('lagoon generate stopped by Ctrl-C, SIGTERM, SIGHUP, a closed pipe or SIGKILL', () => {
  let fake: FakeVenice;
  let dataDir: string;
  let running: StartedLagoon | null;
  eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-int-' }, (bed) => ({ fake, dataDir } = bed));

  beforeEach(() => {
    running = null;
  });
  // Runs before the fake closes and the folder goes (after hooks run in reverse order).
  afterEach(async () => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    await running?.done;
  });

  const posts = (match?: string): number =>
    fake.requests.filter((r) => r.method === 'POST' && (match === undefined || String((r.body as { prompt?: unknown })?.prompt).includes(match))).length;

  const start = async (lines: string[], extra: string[] = []): Promise<StartedLagoon> => {
    const file = join(dataDir, 'prompts.txt');
    await writeFile(file, `${lines.join('\n')}\n`);
    running = startLagoon(['generate', '--prompts-file', file, '--size', '256x256', '--json', ...extra], {
      env: { LAGOON_DATA_DIR: dataDir, LAGOON_API_BASE_URL: fake.url, VENICE_API_KEY: KEY },
    });
    return running;
  };

  /** The app, started on the same library afterwards: what would it send by itself? */
  const appSendsNothing = async (): Promise<void> => {
    const before = posts();
    const app = createServices({ dataDir, apiBaseUrl: fake.url, keychainService: 'unused' }, { secretStore: memoryStore(KEY), launchMaintenance: false });
    try {
      await sleep(1500);
      expect(posts()).toBe(before);
      expect(app.queue.list().filter((j) => j.status === 'queued' || j.status === 'running')).toEqual([]);
    } finally {
      app.close();
    }
  };

  /** Five failures in a row make the queue pause 30 s: the case, Ctrl-C during that pause. */
  const PAUSE_BATCH = ['a [fail:500]', 'b [fail:500]', 'c [fail:500]', 'd [fail:500]', 'e [fail:500]', 'f fine', 'g held by the pause'];

  it('Ctrl-C during the pause after failures: the held prompt is never sent, by this run or by the app later', { timeout: 60_000 }, async () => {
    const run = await start(PAUSE_BATCH, ['--max-failures', '10']);
    await waitFor('the pause to be announced', () => run.stderrSoFar().includes('pauses until'), SLOW_START_MS);
    await waitFor('line 6 to be saved', () => run.stdoutSoFar().includes('"line":6'), SLOW_START_MS);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('1 saved; lines 1–5 failed; line 7 not sent');
    expect(result.lines.filter((l) => 'error' in l).map((l) => [l.line, (l.error as { code: string }).code])).toEqual(
      expect.arrayContaining([[7, 'CANCELLED']]),
    );
    expect(result.lines.find((l) => l.line === 7)).toMatchObject({ prompt: 'g held by the pause', error: { mayHaveBeenCharged: false, retryable: true } });
    expect(posts('held by the pause')).toBe(0);
    expect(posts()).toBe(6);
    await appSendsNothing();
    expect(posts('held by the pause')).toBe(0);
  });

  it('Ctrl-C with two requests at Venice: both reported as may-have-been-charged, the rest never sent', { timeout: 60_000 }, async () => {
    const run = await start(['one [fail:slow:8000]', 'two [fail:slow:8000]', 'three', 'four']);
    await waitFor('two requests to be on their way', () => jobRows(dataDir).filter((r) => r.sent === 1).length === 2, SLOW_START_MS);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('0 saved; lines 1–2 in flight (may have been charged); lines 3–4 not sent');
    expect(result.lines.map((l) => [l.line, (l.error as { mayHaveBeenCharged?: boolean })?.mayHaveBeenCharged])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
    ]);
    expect(jobRows(dataDir).map((r) => [r.status, r.charged])).toEqual([
      ['cancelled', 1],
      ['cancelled', 1],
    ]);
    expect(posts('three') + posts('four')).toBe(0);
    await appSendsNothing();
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s stops the batch the same way (exit %i)', { timeout: 60_000 }, async (signal, code) => {
    const run = await start(['one [fail:slow:8000]', 'two [fail:slow:8000]', 'three']);
    await waitFor('two requests to be on their way', () => jobRows(dataDir).filter((r) => r.sent === 1).length === 2, SLOW_START_MS);
    run.child.kill(signal);
    const result = await run.done;
    expect(result.code).toBe(code);
    expect(result.stderr).toContain('line 3 not sent');
    expect(posts('three')).toBe(0);
    expect(jobRows(dataDir).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('a second Ctrl-C quits at once and still leaves no job for anyone to send', { timeout: 60_000 }, async () => {
    const run = await start(['one [fail:slow:8000]', 'two [fail:slow:8000]', 'three']);
    await waitFor('two requests to be on their way', () => jobRows(dataDir).filter((r) => r.sent === 1).length === 2, SLOW_START_MS);
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(jobRows(dataDir).every((r) => r.status !== 'queued' && r.status !== 'running')).toBe(true);
    await appSendsNothing();
    expect(posts('three')).toBe(0);
  });

  it('a reader that closes the pipe (| head -1) stops the batch: exit 141, the rest not sent', { timeout: 60_000 }, async () => {
    const lines = Array.from({ length: 8 }, (_, i) => `pipe ${i + 1} [fail:slow:300]`);
    const run = await start(lines);
    await waitFor('the first result', () => run.stdoutSoFar().includes('"line"'), SLOW_START_MS);
    run.child.stdout?.destroy();
    const result = await run.done;
    expect(result.code).toBe(141);
    expect(result.stderr).toMatch(/not sent/);
    expect(posts()).toBeLessThan(8);
    expect(jobRows(dataDir).every((r) => r.status !== 'queued' && r.status !== 'running')).toBe(true);
  });

  it('SIGKILL (nothing can be cleaned up): the app holds the prompt as interrupted and does not send it', { timeout: 60_000 }, async () => {
    const run = await start(PAUSE_BATCH, ['--max-failures', '10']);
    await waitFor('the pause to be announced', () => run.stderrSoFar().includes('pauses until'), SLOW_START_MS);
    await waitFor('line 7 to wait in the queue', () => jobRows(dataDir).some((r) => r.prompt === 'g held by the pause' && r.status === 'queued'), SLOW_START_MS);
    run.child.kill('SIGKILL');
    await run.done;
    const app = createServices({ dataDir, apiBaseUrl: fake.url, keychainService: 'unused' }, { secretStore: memoryStore(KEY), launchMaintenance: false });
    try {
      await sleep(1500);
      expect(app.queue.list().find((j) => j.request.prompt === 'g held by the pause')).toMatchObject({ status: 'interrupted', mayHaveBeenCharged: false });
      expect(posts('held by the pause')).toBe(0);
    } finally {
      app.close();
    }
  });
});

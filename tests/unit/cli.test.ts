import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { FakeVenice } from '../fake-venice/server.ts';
import { closedPortUrl, eachCliTestbed } from './helpers/cliTestbed.ts';
import { allFiles } from './helpers/queueHarness.ts';

const KEY = 'sk-canary-cli-7f3e9a1b-2c4d-4e6f-8a9b-0c1d2e3f4a5b';

/** Jobs a later app start could still send: a CLI run must leave none behind. */
const pendingJobs = (dataDir: string): number => {
  const db = new Database(join(dataDir, 'lagoon.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running', 'waiting_offline')").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

// Each test starts several real processes: on a loaded machine that takes longer than the default 20 s.
describe('lagoon CLI against the fake Venice (real child processes)', { timeout: 90_000 }, () => {
  let fake: FakeVenice;
  let dataDir: string;
  /** Every run is checked for the key: it must never reach stdout or stderr, whatever happened. */
  const lagoon = eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-' }, (bed) => ({ fake, dataDir } = bed));
  const posts = (): number => fake.requests.filter((r) => r.method === 'POST').length;
  const imageFiles = (): string[] => allFiles(join(dataDir, 'images'));

  it('generate --json stores a real image and prints one line with its fields', async () => {
    const run = await lagoon(['generate', '--prompt', 'A lighthouse over a calm lagoon', '--size', '1024x1536', '--format', 'webp', '--json']);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(1);
    const line = run.lines[0] ?? {};
    expect(line).toMatchObject({
      prompt: 'A lighthouse over a calm lagoon',
      width: 1024,
      height: 1536,
      format: 'webp',
      flags: [],
    });
    expect(Object.keys(line)).toEqual(expect.arrayContaining(['id', 'file', 'prompt', 'model', 'width', 'height', 'format', 'flags']));
    expect(typeof line.model).toBe('string');
    const file = String(line.file);
    expect(file.startsWith(join(dataDir, 'images'))).toBe(true);
    expect(await sharp(file).metadata()).toMatchObject({ width: 1024, height: 1536, format: 'webp' });
    expect(imageFiles()).toEqual([file]);
    expect(posts()).toBe(1);
    const post = fake.requests.find((r) => r.method === 'POST');
    expect(post?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(post?.body).toMatchObject({ prompt: 'A lighthouse over a calm lagoon', size: '1024x1536', output_format: 'webp', moderation: 'auto' });
  });

  it('passes --model and --moderation through, and reports a blurred image in flags (generate, list, show)', async () => {
    const run = await lagoon(['generate', '--prompt', 'nsfw beach', '--model', 'lustify-sdxl', '--moderation', 'auto', '--json']);
    expect(run.code).toBe(0);
    expect(fake.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ model: 'lustify-sdxl', moderation: 'auto' });
    const id = String(run.lines[0]?.id);
    expect(run.lines[0]?.flags).toEqual(['blurred']);

    const list = await lagoon(['list', '--json']);
    expect(list.code).toBe(0);
    expect(list.lines).toEqual([expect.objectContaining({ id, flags: ['blurred'] })]);

    const show = await lagoon(['show', id, '--json']);
    expect(show.code).toBe(0);
    expect(show.lines).toEqual([
      expect.objectContaining({ id, flags: ['blurred'], prompt: 'nsfw beach', endpoint: 'openai', request: expect.objectContaining({ model: 'lustify-sdxl' }) }),
    ]);
    expect(statSync(String(show.lines[0]?.file)).size).toBe(show.lines[0]?.byteSize);
  });

  it('prints human output by default: the saved file, a table, the details', async () => {
    const gen = await lagoon(['generate', '--prompt', 'Dawn over the reef', '--size', '512x512']);
    expect(gen.code).toBe(0);
    const [file] = imageFiles();
    expect(gen.stdout).toContain(`Saved ${file}`);
    expect(gen.stdout).toContain('512x512 png');
    expect(gen.stderr).toContain('Generating');

    const list = await lagoon(['list']);
    expect(list.stdout.split('\n')[0]).toMatch(/^CREATED\s+ID\s+SIZE/);
    expect(list.stdout).toContain('Dawn over the reef');
    const id = /([0-9a-f-]{36})/.exec(list.stdout)?.[1] ?? '';
    const show = await lagoon(['show', id.toUpperCase()]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(new RegExp(`^id\\s+${id}$`, 'm'));
    expect(show.stdout).toMatch(/^prompt\s+Dawn over the reef$/m);
    expect(show.stdout).toMatch(/^flags\s+none$/m);
  });

  it('list pages newest first and honours --limit; show rejects unknown and malformed ids', async () => {
    // One run each: within one batch two prompts are made at once, so their order in time is the answers' order.
    for (const prompt of ['one', 'two', 'three']) expect((await lagoon(['generate', '--prompt', prompt, '--size', '256x256', '--json'])).code).toBe(0);
    const all = await lagoon(['list', '--json']);
    expect(all.lines.map((l) => l.prompt)).toEqual(['three', 'two', 'one']);
    const two = await lagoon(['list', '--json', '--limit', '2']);
    expect(two.lines.map((l) => l.prompt)).toEqual(['three', 'two']);
    const human = await lagoon(['list', '--limit', '2']);
    expect(human.stderr).toContain('Showing the newest 2');

    const missing = await lagoon(['show', randomUUID(), '--json']);
    expect(missing.code).toBe(1);
    expect(missing.lines).toMatchObject([{ error: { code: 'NOT_FOUND', message: expect.any(String) } }]);
    const malformed = await lagoon(['show', '../../etc/passwd']);
    expect(malformed.code).toBe(2);
    expect((await lagoon(['list', '--limit', '0'])).code).toBe(2);
  });

  describe('exit codes', () => {
    it('2: invalid input is refused before anything is sent or any library is created', async () => {
      const cases: string[][] = [
        ['generate', '--prompt', 'ok', '--size', '5'],
        ['generate', '--prompt', 'ok', '--size', '2000x1000'],
        ['generate', '--prompt', 'ok', '--variants', '5'],
        ['generate', '--prompt', 'ok', '--seed', '1.5'],
        ['generate', '--prompt', 'ok', '--steps', '0'],
        ['generate', '--prompt', 'ok', '--cfg', '0'],
        ['generate', '--prompt', 'ok', '--quality', 'ultra'],
        ['generate', '--prompt', 'ok', '--style', ''],
        ['generate', '--prompt', 'x'.repeat(7501), '--seed', '1'],
        ['generate', '--prompt', ''],
        ['generate', '--prompt', '   '],
        ['generate', '--prompt', 'x'.repeat(1501)],
        ['generate', '--prompt', 'ok', '--format', 'gif'],
        ['generate', '--prompt', 'ok', '--moderation', 'off'],
        ['generate', 'a bare prompt'],
        ['generate'],
        ['generate', '--prompt', 'a', '--prompts-file', 'b'],
        ['generate', '--prompts-file', join(dataDir, 'no-such-file.txt')],
        ['generate', '--prompt', 'ok', '--wat'],
        ['frobnicate'],
        [],
      ];
      for (const args of cases) {
        const run = await lagoon([...args, '--json']);
        expect({ args, code: run.code }).toEqual({ args, code: 2 });
        expect(run.lines).toMatchObject([{ error: { code: 'INVALID_INPUT', message: expect.any(String) } }]);
      }
      expect(posts()).toBe(0);
      expect(existsSync(join(dataDir, 'lagoon.db'))).toBe(false);
    });

    it('2: a prompts file with one invalid line sends nothing at all', async () => {
      const file = join(dataDir, 'prompts.txt');
      await writeFile(file, `fine\n${'y'.repeat(1600)}\nalso fine\n`);
      const run = await lagoon(['generate', '--prompts-file', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('line 2');
      expect(posts()).toBe(0);
    });

    it('2: an insecure LAGOON_API_BASE_URL is refused before the key could travel', async () => {
      const run = await lagoon(['generate', '--prompt', 'ok'], { env: { LAGOON_API_BASE_URL: 'http://example.com/api/v1' } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('https');
    });

    it('3: a wrong key (one POST, 401) and no key at all (no POST)', async () => {
      const wrong = await lagoon(['generate', '--prompt', 'ok', '--json'], { env: { VENICE_API_KEY: 'sk-wrong-key-0000000000' } });
      expect(wrong.code).toBe(3);
      expect(wrong.lines).toMatchObject([{ error: { code: 'AUTH_REJECTED', message: expect.stringContaining('lagoon key set') } }]);
      expect(posts()).toBe(1);

      // No VENICE_API_KEY: the CLI asks the (real, test-only) keychain entry, which is empty.
      const none = await lagoon(['generate', '--prompt', 'ok', '--json'], {
        env: { VENICE_API_KEY: undefined, LAGOON_KEYCHAIN_SERVICE: `Lagoon-test-${randomUUID()}` },
      });
      expect(none.code).toBe(3);
      expect(none.lines).toMatchObject([{ error: { code: 'KEY_MISSING', message: expect.any(String) } }]);
      expect(posts()).toBe(1);
    });

    it.each([
      ['4', '[fail:402]', 4, 'INSUFFICIENT_BALANCE'],
      ['6', '[fail:500]', 6, 'UPSTREAM_ERROR'],
      ['6 (invalid response)', '[fail:badb64]', 6, 'INVALID_RESPONSE'],
      ['8', '[fail:violation]', 8, 'CONTENT_BLOCKED'],
    ] as const)('%s: %s', async (_label, trigger, code, errorCode) => {
      const run = await lagoon(['generate', '--prompt', `a lagoon ${trigger}`, '--json']);
      expect(run.code).toBe(code);
      expect(run.lines).toMatchObject([{ error: { code: errorCode, message: expect.any(String) } }]);
      expect(posts()).toBe(1);
      expect(imageFiles()).toEqual([]);
    });

    it('7: nothing listens at the API address', async () => {
      const run = await lagoon(['generate', '--prompt', 'ok', '--json'], { env: { LAGOON_API_BASE_URL: await closedPortUrl() } });
      expect(run.code).toBe(7);
      expect(run.lines).toMatchObject([{ error: { code: 'OFFLINE', message: expect.stringContaining('Nothing was sent') } }]);
      expect(posts()).toBe(0);
      // The core parks a never-sent job until the network is back; the CLI cancels it rather than leave it for the app.
      expect(pendingJobs(dataDir)).toBe(0);
    });
  });

  describe('--prompts-file', () => {
    it('a failed prompt does not stop the others; every record names its line and prompt; the earliest failing line decides the code', async () => {
      const file = join(dataDir, 'prompts.txt');
      await writeFile(file, 'first lagoon\n\nsecond [fail:500]\r\nthird lagoon\nfourth [fail:badb64]\n');
      const run = await lagoon(['generate', '--prompts-file', file, '--size', '256x256', '--json']);
      expect(run.code).toBe(6);
      expect(posts()).toBe(4);
      // Two at a time, as the app's queue sends them: the records come in the order the answers do.
      const byLine = run.lines.toSorted((a, b) => Number(a.line) - Number(b.line));
      expect(byLine).toEqual([
        expect.objectContaining({ line: 1, prompt: 'first lagoon', flags: [] }),
        {
          error: { code: 'UPSTREAM_ERROR', message: expect.any(String), mayHaveBeenCharged: true, retryable: true },
          line: 3,
          prompt: 'second [fail:500]',
        },
        expect.objectContaining({ line: 4, prompt: 'third lagoon' }),
        { error: expect.objectContaining({ code: 'INVALID_RESPONSE' }), line: 5, prompt: 'fourth [fail:badb64]' },
      ]);
      expect(imageFiles()).toHaveLength(2);
      expect(run.stderr).toContain('2 of 4 images saved, 2 failed');
    });

    it('a balance failure stops the batch: what was not yet sent never is', async () => {
      const file = join(dataDir, 'prompts.txt');
      await writeFile(file, ['a [fail:402]', 'b [fail:402]', 'c', 'd', 'e', 'f'].join('\n'));
      const run = await lagoon(['generate', '--prompts-file', file, '--size', '256x256']);
      expect(run.code).toBe(4);
      // The first two went out together; nothing after the first 402.
      expect(posts()).toBe(2);
      expect(imageFiles()).toHaveLength(0);
      expect(run.stderr).toMatch(/line 1: .*\[INSUFFICIENT_BALANCE\]/);
      expect(run.stderr).toContain('stopped the batch: every other prompt would fail on the balance too [INSUFFICIENT_BALANCE]: 0 saved; lines 1–2 failed; lines 3–6 not sent.');
    });
  });

  it('key set and key clear refuse while VENICE_API_KEY is in charge, without reading or echoing anything', async () => {
    const set = await lagoon(['key', 'set', '--json'], { stdin: 'sk-another-key-123456789\n' });
    expect(set.code).toBe(2);
    expect(set.lines).toMatchObject([{ error: { code: 'INVALID_INPUT', message: expect.stringContaining('VENICE_API_KEY') } }]);
    expect(set.stdout).not.toContain('sk-another-key');
    const clear = await lagoon(['key', 'clear']);
    expect(clear.code).toBe(2);
    const status = await lagoon(['key', 'status', '--json']);
    expect(status.lines).toEqual([{ present: true, last4: KEY.slice(-4), backend: 'environment variable VENICE_API_KEY', verification: null }]);
  });

  // The launcher's choice between the built CLI and the sources (and its Node check): cli-launcher.test.ts.
  it('help and version', async () => {
    const help = await lagoon(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('lagoon generate --prompt TEXT');
    expect((await lagoon(['help', 'generate'])).stdout).toContain('--prompts-file FILE');
    expect((await lagoon(['--version'])).stdout).toMatch(/^lagoon \d+\.\d+\.\d+/);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachCliTestbed } from './helpers/cliTestbed.ts';

const KEY = 'sk-canary-cli-batch-8c2e4a6f-1b3d-4f5a-9c7e-0d2f4b6a8c1e';

/** Batches that cannot succeed stop early; finished lines are not sent again; what failed is written down. */
describe('lagoon generate batches: stopping, skipping what is done, retrying what failed', () => {
  let fake: FakeVenice;
  let dataDir: string;
  const lagoon = eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-batch-' }, (bed) => ({ fake, dataDir } = bed));
  const posts = (): number => fake.requests.filter((r) => r.method === 'POST').length;
  const promptsFile = async (lines: string[]): Promise<string> => {
    const file = join(dataDir, 'prompts.txt');
    await writeFile(file, `${lines.join('\n')}\n`);
    return file;
  };
  const seven = Array.from({ length: 7 }, (_, i) => `heron ${i + 1}`);

  it('a wrong key stops the batch at the first 401: at most the two requests already out, not all seven', { timeout: 120_000 }, async () => {
    const run = await lagoon(['generate', '--prompts-file', await promptsFile(seven), '--size', '256x256'], { env: { VENICE_API_KEY: 'sk-wrong-key-0000000000' } });
    expect(run.code).toBe(3);
    expect(posts()).toBeLessThanOrEqual(2);
    expect(run.stderr).toMatch(/stopped the batch: every other prompt would fail on the API key too \[AUTH_REJECTED\]: 0 saved; lines? .*failed; lines .*–7 not sent\./);
  });

  it('a keychain that cannot be reached is said once, before anything is sent, with the command-line way around it', { timeout: 120_000 }, async () => {
    const run = await lagoon(['generate', '--prompts-file', await promptsFile(seven), '--json'], {
      env: { VENICE_API_KEY: undefined, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/lagoon-test-bus', LAGOON_KEYCHAIN_SERVICE: 'Lagoon-test-unreachable' },
    });
    expect(run.code).toBe(3);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringContaining('VENICE_API_KEY') } });
    expect(posts()).toBe(0);
  });

  it('--max-failures N stops after N failed prompts (the request already out still finishes); --fail-fast after the first', { timeout: 120_000 }, async () => {
    const failing = Array.from({ length: 8 }, (_, i) => `broken ${i + 1} [fail:500]`);
    const limited = await lagoon(['generate', '--prompts-file', await promptsFile(failing), '--size', '256x256', '--max-failures', '2']);
    expect(limited.code).toBe(6);
    expect(posts()).toBeLessThanOrEqual(3);
    expect(limited.stderr).toContain('stopped the batch after 2 failed prompts (--max-failures 2; --max-failures N allows more)');
    expect(limited.stderr).toMatch(/–8 not sent\./);

    const before = posts();
    const fast = await lagoon(['generate', '--prompts-file', await promptsFile(failing), '--size', '256x256', '--fail-fast']);
    expect(fast.code).toBe(6);
    expect(posts() - before).toBeLessThanOrEqual(2);
    expect(fast.stderr).toContain('--max-failures 1');
  });

  it('by default a batch stops after 3 failed prompts', { timeout: 120_000 }, async () => {
    const failing = Array.from({ length: 10 }, (_, i) => `broken ${i + 1} [fail:500]`);
    const run = await lagoon(['generate', '--prompts-file', await promptsFile(failing), '--size', '256x256']);
    expect(run.code).toBe(6);
    expect(posts()).toBeLessThanOrEqual(4);
    expect(run.stderr).toContain('after 3 failed prompts');
  });

  it('--skip-done sends only the lines whose exact request is not in the library yet', { timeout: 120_000 }, async () => {
    const file = await promptsFile(['gull one', 'gull two', 'gull three']);
    const first = await lagoon(['generate', '--prompts-file', file, '--size', '256x256', '--json']);
    expect(first.code).toBe(0);
    expect(posts()).toBe(3);

    const again = await lagoon(['generate', '--prompts-file', file, '--size', '256x256', '--json', '--skip-done']);
    expect(again.code).toBe(0);
    expect(posts()).toBe(3);
    expect(again.lines.map((l) => [l.skipped, l.line]).toSorted()).toEqual([
      ['already made', 1],
      ['already made', 2],
      ['already made', 3],
    ]);

    // Another size is another request; a trashed image no longer counts as made.
    const trashed = String(first.lines.find((l) => l.line === 2)?.id);
    expect((await lagoon(['trash', trashed])).code).toBe(0);
    const changed = await lagoon(['generate', '--prompts-file', file, '--size', '512x512', '--skip-done', '--json']);
    expect(changed.lines.filter((l) => 'skipped' in l)).toEqual([]);
    expect(posts()).toBe(6);
    const afterTrash = await lagoon(['generate', '--prompts-file', file, '--size', '256x256', '--skip-done', '--json']);
    expect(afterTrash.lines.filter((l) => 'skipped' in l).map((l) => l.line).toSorted()).toEqual([1, 3]);
    expect(posts()).toBe(7);
  });

  it('--skip-done on the native route: a seed left to chance matches any seed, a chosen seed only itself', { timeout: 120_000 }, async () => {
    const native = ['generate', '--prompt', 'two herons', '--model', 'z-image-turbo', '--size', '256x256', '--json'];
    expect((await lagoon(native)).code).toBe(0);
    expect((await lagoon([...native, '--skip-done'])).lines).toEqual([{ skipped: 'already made', prompt: 'two herons' }]);
    expect(posts()).toBe(1);
    expect((await lagoon([...native, '--seed', '7', '--skip-done'])).lines[0]).toMatchObject({ seed: 7 });
    expect((await lagoon([...native, '--seed', '7', '--skip-done'])).lines).toEqual([{ skipped: 'already made', prompt: 'two herons' }]);
    expect(posts()).toBe(2);
  });

  it('--failed-to FILE writes the prompts without an image, ready to be the next --prompts-file', { timeout: 120_000 }, async () => {
    const failedTo = join(dataDir, 'again.txt');
    const run = await lagoon([
      'generate',
      '--prompts-file',
      await promptsFile(['kept 1', 'lost [fail:500]', 'kept 2', 'also lost [fail:badb64]']),
      '--size',
      '256x256',
      '--failed-to',
      failedTo,
    ]);
    expect(run.code).toBe(6);
    expect((await readFile(failedTo, 'utf8')).split('\n').filter(Boolean).toSorted()).toEqual(['also lost [fail:badb64]', 'lost [fail:500]']);
    expect(run.stderr).toContain(`2 prompts without an image written to ${failedTo}`);
  });

  it('rejects contradicting or malformed batch flags before anything is sent', { timeout: 120_000 }, async () => {
    const file = await promptsFile(['one']);
    for (const flags of [['--fail-fast', '--max-failures', '2'], ['--max-failures', '0'], ['--max-failures', 'lots'], ['--progress', 'loud']]) {
      const run = await lagoon(['generate', '--prompts-file', file, ...flags]);
      expect(run.code, flags.join(' ')).toBe(2);
    }
    expect(posts()).toBe(0);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachCliTestbed } from './helpers/cliTestbed.ts';

const KEY = 'sk-canary-cli-script-5d7f9b1c-3e5a-4c7e-8f0b-2d4f6a8c0e1b';

/** What a scripter meets: help and typos, pipes in and out, records that say which input they belong to. */
describe('lagoon for scripts and people at a terminal', () => {
  let fake: FakeVenice;
  let dataDir: string;
  const lagoon = eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-script-' }, (bed) => ({ fake, dataDir } = bed));

  it('bare lagoon prints the help; help for an unknown topic, a mistyped command or flag names the nearest one and exits 2', { timeout: 120_000 }, async () => {
    const bare = await lagoon([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('lagoon generate --prompt TEXT');

    const topic = await lagoon(['help', 'gnerate']);
    expect(topic.code).toBe(2);
    expect(topic.stderr).toContain('Did you mean "generate"?');
    expect(topic.stdout).toContain('lagoon generate --prompt TEXT');

    const command = await lagoon(['lst']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('"lst" is not a lagoon command. Did you mean "list"?');
    const flag = await lagoon(['generate', '--promt', 'x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Did you mean "--prompt"?');
    expect((await lagoon(['-V'])).stdout).toMatch(/^lagoon \d+\.\d+\.\d+/);
    expect(fake.requests).toEqual([]);
  });

  it('every command\'s help ends with examples; generate documents its records', { timeout: 120_000 }, async () => {
    for (const topic of ['generate', 'models', 'list', 'show', 'search', 'export', 'import', 'trash', 'restore', 'key', 'spend']) {
      const help = await lagoon([topic, '--help']);
      expect(help.stdout, topic).toMatch(/\nExamples:\n {2}lagoon|\nExamples:\n {2}\S+ .*lagoon/);
    }
    const generate = (await lagoon(['help', 'generate'])).stdout;
    expect(generate).toContain('{"error":{"code","message","mayHaveBeenCharged","retryable"},"line","prompt"}');
    expect(generate).toContain('--max-failures N');
  });

  it('commands that only read never create a library where there is none', { timeout: 120_000 }, async () => {
    const nowhere = join(dataDir, 'typo');
    for (const args of [['list'], ['search', 'fox'], ['show', '1b4e28ba-2fa1-11d2-883f-0016d3cca427'], ['trash', '1b4e28ba-2fa1-11d2-883f-0016d3cca427']]) {
      const run = await lagoon([...args, '--json'], { env: { LAGOON_DATA_DIR: nowhere } });
      expect(run.code, args[0]).toBe(1);
      expect(run.lines[0], args[0]).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('LAGOON_DATA_DIR') } });
    }
    expect(existsSync(nowhere)).toBe(false);
  });

  it('- reads prompts and ids from standard input; list and search print rating, favourite and tags', { timeout: 120_000 }, async () => {
    const made = await lagoon(['generate', '--prompts-file', '-', '--size', '256x256', '--json'], { stdin: 'a fox in snow\n\na heron at dusk\n' });
    expect(made.code).toBe(0);
    expect(made.lines.map((l) => [l.line, l.prompt]).toSorted()).toEqual([
      [1, 'a fox in snow'],
      [3, 'a heron at dusk'],
    ]);
    const ids = made.lines.map((l) => String(l.id));
    const fox = String(made.lines.find((l) => l.line === 1)?.id);
    const db = new Database(join(dataDir, 'lagoon.db'));
    db.prepare('UPDATE images SET rating = 4, favorite = 1 WHERE id = ?').run(fox);
    db.close();

    const listed = await lagoon(['list', '--json']);
    expect(listed.lines.find((l) => l.id === fox)).toMatchObject({ rating: 4, favorite: true, tags: [] });
    expect(listed.lines.find((l) => l.id !== fox)).toMatchObject({ rating: 0, favorite: false, tags: [] });
    expect((await lagoon(['search', 'fox'])).stdout).toMatch(/4★ fav/);

    const trashed = await lagoon(['trash', '-', '--json'], { stdin: `${ids.join('\n')}\n` });
    expect(trashed.lines).toEqual([expect.objectContaining({ trashed: 2 })]);
    const restored = await lagoon(['restore', '-'], { stdin: ids.join(' ') });
    expect(restored.code).toBe(0);
    const bad = await lagoon(['trash', '-'], { stdin: 'not-an-id\n' });
    expect(bad.code).toBe(2);
  });

  it('rate, fav, tag and collection set what list prints; an unknown id makes the exit 1', { timeout: 120_000 }, async () => {
    const made = await lagoon(['generate', '--prompt', 'a kingfisher', '--size', '256x256', '--json']);
    const id = String(made.lines[0]?.id);
    expect((await lagoon(['rate', '5', id])).code).toBe(0);
    expect((await lagoon(['fav', id])).code).toBe(0);
    expect((await lagoon(['tag', 'add', 'birds', '-'], { stdin: id })).code).toBe(0);
    const added = await lagoon(['collection', 'add', 'River', id, '--json']);
    expect(added.lines).toEqual([{ updated: 1, notFound: 0, ids: [id] }]);
    expect((await lagoon(['collection', 'list', '--json'])).lines).toEqual([expect.objectContaining({ name: 'River', count: 1 })]);
    expect((await lagoon(['list', '--json'])).lines[0]).toMatchObject({ id, rating: 5, favorite: true, tags: ['birds'] });
    const unknown = await lagoon(['rate', '2', '1b4e28ba-2fa1-11d2-883f-0016d3cca427']);
    expect(unknown.code).toBe(1);
    expect((await lagoon(['rate', '9', id])).code).toBe(2);
  });

  it('bidi overrides and isolates are escaped like control characters, in tables and in JSON lines', { timeout: 120_000 }, async () => {
    const prompt = 'invoice \u202Egnp.exe\u202C and \u2066isolated\u2069';
    expect((await lagoon(['generate', '--prompt', prompt, '--size', '256x256'])).code).toBe(0);
    const table = await lagoon(['list']);
    expect(table.stdout).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    expect(table.stdout).toContain('\\u202e');
    const json = await lagoon(['list', '--json']);
    expect(json.stdout).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    expect(json.lines[0]?.prompt).toBe(prompt);
  });

  it('key problems are told the command-line way, never "in Settings"', { timeout: 120_000 }, async () => {
    const wrong = await lagoon(['generate', '--prompt', 'ok', '--json'], { env: { VENICE_API_KEY: 'sk-wrong-key-0000000000' } });
    expect(wrong.code).toBe(3);
    const message = String((wrong.lines[0]?.error as { message?: unknown } | undefined)?.message);
    expect(message).toContain('lagoon key set');
    expect(message).not.toContain('Settings');
  });
});

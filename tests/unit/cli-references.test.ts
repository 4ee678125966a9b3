import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachCliTestbed } from './helpers/cliTestbed.ts';
import { referencesBody } from './helpers/referenceBody.ts';

const KEY = 'sk-canary-cli-references-5c1e9a7b-2d4f-4a6c-8e0b-1f3d5b7a9c2e';

// `lagoon generate --style-ref … --style-strength … --lora-strength … --web-search --no-prompt-thinking`: real child
// processes, a real library, the fake Venice over HTTP; what is sent, what is recorded, what is refused unsent.
describe('lagoon generate with reference images and the optional native fields', { timeout: 90_000 }, () => {
  let fake: FakeVenice;
  let dataDir: string;
  const lagoon = eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-references-', fake: { rateLimitPerMinute: 1000 } }, (bed) => ({ fake, dataDir } = bed));
  const posts = (): FakeVenice['requests'] => fake.requests.filter((r) => r.method === 'POST');

  it('sends a library image and a file as references with one strength, and records them by id, name and hash', async () => {
    const made = await lagoon(['generate', '--prompt', 'a palette of teal', '--size', '512x512', '--json']);
    expect(made.code).toBe(0);
    const libraryId = String(made.lines[0]?.id);
    const libraryBytes = await readFile(String(made.lines[0]?.file));
    const file = join(dataDir, 'texture.png');
    await writeFile(file, await sharp({ create: { width: 400, height: 300, channels: 3, background: '#aa5500' } }).png().toBuffer());
    const fileBytes = await readFile(file);

    const flags = ['--model', 'nano-banana-2', '--style-ref', libraryId, '--style-ref', file, '--style-strength', '0.6', '--web-search', '--no-prompt-thinking', '--seed', '5', '--json'];
    const run = await lagoon(['generate', '--prompt', 'a heron', ...flags]);
    expect(run.stderr).not.toContain('warning');
    expect(run.code).toBe(0);
    expect(posts()).toHaveLength(2);
    expect(posts()[1]?.body).toEqual(referencesBody('a heron', 5, [libraryBytes, fileBytes], 0.6));
    const show = await lagoon(['show', String(run.lines[0]?.id), '--json']);
    const request = (show.lines[0] as { request: Record<string, unknown> }).request;
    expect(request.style_references).toEqual([
      { imageId: libraryId, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), strength: 0.6 },
      { file: 'texture.png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), strength: 0.6 },
    ]);
    expect(show.lines[0]).toMatchObject({ parents: [{ id: libraryId, role: 'reference', operation: 'generate' }, { id: null, role: 'reference' }] });
  });

  it('refuses with exit 2 and sends nothing: a model without references, a bad strength, a missing file, LoRA strength out of range', async () => {
    const file = join(dataDir, 'ref.png');
    await writeFile(file, await sharp({ create: { width: 300, height: 300, channels: 3, background: '#123456' } }).png().toBuffer());
    const cases: Array<[string[], RegExp]> = [
      [['--model', 'venice-sd35', '--style-ref', file], /--style-ref: .*does not take reference images/],
      [['--model', 'nano-banana-2', '--style-ref', file, '--style-strength', '1.5'], /--style-strength must be a number from 0.1 to 1/],
      [['--model', 'nano-banana-2', '--style-strength', '0.5'], /needs at least one --style-ref/],
      [['--model', 'nano-banana-2', '--style-ref', join(dataDir, 'nowhere.png')], /cannot be opened/],
      [['--model', 'venice-sd35', '--lora-strength', '101'], /--lora-strength must be a whole number from 0 to 100/],
      [['--model', 'venice-sd35', '--web-search'], /--web-search: .*cannot search the web/],
    ];
    for (const [flags, message] of cases) {
      const run = await lagoon(['generate', '--prompt', 'a reef', ...flags, '--json']);
      expect(run.code, flags.join(' ')).toBe(2);
      expect(JSON.stringify(run.lines[0]?.error), flags.join(' ')).toMatch(message);
    }
    expect(posts()).toHaveLength(0);
  });
});

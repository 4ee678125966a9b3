import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import encodeChunks from 'png-chunks-encode';
import extractChunks from 'png-chunks-extract';
import { encode as encodeText } from 'png-chunk-text';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodePngText } from '../../src/main/core/transfer/pngChunks.ts';
import type { LagoonRun } from './cliRunner.ts';
import { eachCliTestbed } from './helpers/cliTestbed.ts';

const KEY = 'sk-canary-cli-lib-3c1d9e7a-5b2f-4a6c-9d8e-7f6a5b4c3d2e';
const UNKNOWN_ID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

/** A small PNG with an AUTOMATIC1111 `parameters` chunk, its pixels made distinct by `shade` so none is a duplicate. */
const a1111Png = async (prompt: string, shade: number): Promise<Buffer> => {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: shade, g: 90, b: 200 - shade } } }).png().toBuffer();
  const chunks = extractChunks(png);
  chunks.splice(1, 0, encodeText('parameters', `${prompt}\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: ${shade}, Size: 64x48, Model: sdxl-base`));
  return Buffer.from(encodeChunks(chunks));
};

const pngTexts = (file: string): Array<{ keyword: string; text: string }> =>
  extractChunks(readFileSync(file))
    .map((c) => decodePngText(c))
    .filter((t): t is { keyword: string; text: string } => t !== null);

const ids = (run: LagoonRun): string[] => run.lines.map((l) => String(l.id));

// Each test starts several real processes: on a loaded machine that takes longer than the default 20 s.
describe('lagoon search, export, import, trash, restore (real child processes)', { timeout: 90_000 }, () => {
  let work: string;
  const lagoon = eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-lib-' });

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'lagoon-cli-work-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const generate = async (prompt: string, ...flags: string[]): Promise<string> => {
    const run = await lagoon(['generate', '--prompt', prompt, '--json', ...flags]);
    expect(run.code, run.stderr).toBe(0);
    return String(run.lines[0]?.id);
  };

  it('search: words and filters as flags, JSON lines in the library order', async () => {
    const dawn = await generate('coral reef at dawn', '--size', '1024x1536');
    const dusk = await generate('coral reef at dusk', '--format', 'webp');
    const lake = await generate('a quiet mountain lake');

    const coral = await lagoon(['search', 'coral', '--json']);
    expect(coral.code).toBe(0);
    expect(ids(coral)).toEqual([dusk, dawn]);
    expect(Object.keys(coral.lines[0] ?? {})).toEqual(expect.arrayContaining(['id', 'file', 'prompt', 'model', 'width', 'height', 'format', 'flags']));
    expect(coral.lines[0]).toMatchObject({ prompt: 'coral reef at dusk', format: 'webp' });

    expect(ids(await lagoon(['search', 'coral', '--sort', 'oldest', '--json']))).toEqual([dawn, dusk]);
    expect(ids(await lagoon(['search', '--format', 'webp', '--json']))).toEqual([dusk]);
    expect(ids(await lagoon(['search', '--format', 'webp', '--format', 'png', '--json']))).toEqual([lake, dusk, dawn]);
    expect(ids(await lagoon(['search', '--aspect', 'portrait', '--json']))).toEqual([dawn]);
    expect(ids(await lagoon(['search', 'reef', '--aspect', 'square', '--json']))).toEqual([dusk]);
    expect(ids(await lagoon(['search', '--limit', '2', '--json']))).toEqual([lake, dusk]);
    expect(ids(await lagoon(['search', '--from', '2000-01-01', '--to', '2999-12-31', '--json']))).toEqual([lake, dusk, dawn]);
    expect((await lagoon(['search', '--to', '2000-01-01', '--json'])).lines).toEqual([]);
    expect((await lagoon(['search', '--model', 'no-such-model', '--json'])).lines).toEqual([]);
    expect((await lagoon(['search', '--favorites', '--json'])).lines).toEqual([]);
    // The search syntax: a word left out, OR, another form of a word, symbols alone.
    expect(ids(await lagoon(['search', 'coral', '-dusk', '--json']))).toEqual([dawn]);
    expect(ids(await lagoon(['search', 'lakes OR dusk', '--json']))).toEqual([lake, dusk]);
    expect((await lagoon(['search', '🐉', '--json'])).lines).toEqual([]);
    expect((await lagoon(['search', '🐉'])).stderr).toContain('Search looks for words and numbers, and "🐉" has none');

    const human = await lagoon(['search', 'mountain']);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/^CREATED\s+ID\s+SIZE/);
    expect(human.stdout).toContain(lake);
    expect(human.stdout).not.toContain(dawn);
    // Twenty child processes: more than the file's 90 s on a loaded machine, and no assertion is about time.
  }, 180_000);

  it('export: files with the prompt in the PNG parameters chunk, --strip-metadata, --sidecar, an unknown id reported', async () => {
    const id = await generate('a lighthouse over the lagoon');
    const out = join(work, 'out');

    const run = await lagoon(['export', id, UNKNOWN_ID, '--to', out, '--json']);
    expect(run.code).toBe(1);
    const file = String(run.lines.find((l) => l.id === id)?.file);
    expect(file.startsWith(out)).toBe(true);
    expect(pngTexts(file).find((t) => t.keyword === 'parameters')?.text).toContain('a lighthouse over the lagoon');
    const failure = run.lines.find((l) => 'error' in l)?.error as { code: string; message: string };
    expect(failure.code).toBe('NOT_FOUND');
    expect(failure.message).toContain(UNKNOWN_ID);
    expect(readdirSync(out)).toEqual([file.slice(out.length + 1)]);

    const stripped = await lagoon(['export', id, '--to', join(work, 'stripped'), '--strip-metadata', '--json']);
    expect(stripped.code).toBe(0);
    const strippedFile = String(stripped.lines[0]?.file);
    expect(pngTexts(strippedFile)).toEqual([]);
    expect((await sharp(strippedFile).metadata()).format).toBe('png');

    const withSidecar = await lagoon(['export', id, '--to', join(work, 'sidecar'), '--sidecar']);
    expect(withSidecar.code).toBe(0);
    const [imageLine, sidecarLine] = withSidecar.stdout.trim().split('\n');
    expect(sidecarLine).toBe(`${imageLine}.json`);
    expect(JSON.parse(readFileSync(String(sidecarLine), 'utf8'))).toMatchObject({ id, prompt: 'a lighthouse over the lagoon' });
  });

  it('import a folder, skip a re-import, trash and restore', async () => {
    const folder = join(work, 'pngs');
    await mkdir(folder);
    await writeFile(join(folder, 'one.png'), await a1111Png('a red kite over dunes', 10));
    await writeFile(join(folder, 'two.png'), await a1111Png('a blue heron in reeds', 120));
    await writeFile(join(folder, 'notes.txt'), 'not an image');

    const first = await lagoon(['import', folder, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines.map((l) => l.prompt).toSorted()).toEqual(['a blue heron in reeds', 'a red kite over dunes']);
    expect(first.stderr).toContain('Imported 2, already in the library 0, not an image (skipped) 1, failed 0.');
    const kite = String(first.lines.find((l) => l.prompt === 'a red kite over dunes')?.id);
    expect(existsSync(String(first.lines[0]?.file))).toBe(true);

    const listed = await lagoon(['list', '--json']);
    expect(ids(listed).toSorted()).toEqual(ids(first).toSorted());

    const again = await lagoon(['import', folder]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Imported 0, already in the library 2, not an image (skipped) 1, failed 0.');
    expect((await lagoon(['list', '--json'])).lines).toHaveLength(2);

    const trashed = await lagoon(['trash', kite, '--json']);
    expect(trashed.code).toBe(0);
    expect(trashed.lines).toEqual([expect.objectContaining({ trashed: 1, ids: [kite] })]);
    expect(ids(await lagoon(['search', 'kite', '--json']))).toEqual([]);
    expect(ids(await lagoon(['search', 'kite', '--trash', '--json']))).toEqual([kite]);

    const restored = await lagoon(['restore', kite]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('Restored 1 image from the trash.');
    expect(ids(await lagoon(['search', 'kite', '--json']))).toEqual([kite]);
    expect(ids(await lagoon(['search', 'kite', '--trash', '--json']))).toEqual([]);

    const unknown = await lagoon(['trash', UNKNOWN_ID, '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.lines[0]).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const missing = await lagoon(['import', join(work, 'nowhere.png')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[NOT_FOUND]');
  });

  it('bad input exits 2 and touches nothing', async () => {
    const bad: string[][] = [
      ['search', '--colour', 'red'],
      ['search', '--from', '2024-02-30'],
      ['search', '--from', 'yesterday'],
      ['search', '--from', '2024-05-02', '--to', '2024-05-01'],
      ['search', '--sort', 'random'],
      ['search', '--aspect', 'round'],
      ['search', '--format', 'gif'],
      ['search', '--min-rating', '6'],
      ['search', '--limit', '0'],
      ['export', 'not-an-id', '--to', join(work, 'x')],
      ['export', UNKNOWN_ID],
      ['export', UNKNOWN_ID, '--to', join(work, 'x'), '--template', '{nope}'],
      ['trash', 'not-an-id'],
      ['trash'],
      ['restore', UNKNOWN_ID, 'xyz'],
      ['import'],
    ];
    for (const args of bad) {
      const run = await lagoon([...args, '--json']);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.lines, args.join(' ')).toEqual([{ error: expect.objectContaining({ code: 'INVALID_INPUT' }) }]);
    }
    expect(existsSync(join(work, 'x'))).toBe(false);
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { FakeVenice } from '../fake-venice/server.ts';
import type { LagoonRun } from './cliRunner.ts';
import { closedPortUrl, eachCliTestbed } from './helpers/cliTestbed.ts';
import { allFiles } from './helpers/queueHarness.ts';

const KEY = 'sk-canary-cli-native-3b9d7f1e-6a2c-4e8b-9d0f-2a4c6e8b0d1f';
const NATIVE_PATH = '/api/v1/image/generate';

const errorOf = (run: LagoonRun): { code?: string; message?: string } => (run.lines[0]?.error ?? {}) as { code?: string; message?: string };

// Each test starts several real processes: on a loaded machine that takes longer than the default 20 s.
describe('lagoon generate on the native route (real child processes, the fake Venice over HTTP)', { timeout: 90_000 }, () => {
  let fake: FakeVenice;
  let dataDir: string;
  const lagoon = eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-native-', fake: { rateLimitPerMinute: 1000 } }, (bed) => ({ fake, dataDir } = bed));
  const posts = (): FakeVenice['requests'] => fake.requests.filter((r) => r.method === 'POST');
  const imageFiles = (): string[] => allFiles(join(dataDir, 'images'));

  it('--variants 3 stores three images of one batch from one POST carrying exactly the options given', async () => {
    const prompt = 'A coral garden at noon';
    const flags = '--model venice-sd35 --size 512x768 --format jpeg --variants 3 --seed 42 --steps 20 --cfg 7.5 --style Anime --json';
    const run = await lagoon(['generate', '--prompt', prompt, '--negative', 'blurry, text', ...flags.split(' ')]);
    expect(run.code).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.path).toBe(NATIVE_PATH);
    expect(posts()[0]?.body).toEqual({
      model: 'venice-sd35',
      prompt,
      negative_prompt: 'blurry, text',
      width: 512,
      height: 768,
      steps: 20,
      cfg_scale: 7.5,
      seed: 42,
      variants: 3,
      style_preset: 'Anime',
      format: 'jpeg',
      safe_mode: true,
      hide_watermark: false,
    });

    expect(run.lines).toHaveLength(3);
    const batch = run.lines[0]?.batch;
    expect(batch).toMatch(/^[0-9a-f-]{36}$/);
    for (const line of run.lines) {
      expect(line).toMatchObject({ prompt, model: 'venice-sd35', width: 512, height: 768, format: 'jpeg', flags: [], batch, seed: 42 });
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['id', 'file', 'prompt', 'model', 'width', 'height', 'format', 'flags', 'batch', 'seed']));
      expect(await sharp(String(line.file)).metadata()).toMatchObject({ width: 512, height: 768, format: 'jpeg' });
    }
    expect(new Set(run.lines.map((l) => l.id)).size).toBe(3);
    expect(imageFiles().toSorted()).toEqual(run.lines.map((l) => String(l.file)).toSorted());
    expect(run.stderr).toContain('3 of 3 images saved');

    // The library records the route and the exact body, the same for every variant.
    const show = await lagoon(['show', String(run.lines[2]?.id), '--json']);
    expect(show.lines[0]).toMatchObject({ endpoint: 'native', request: posts()[0]?.body });
  });

  it('--aspect-ratio 16:9 on an aspect-ratio model renders about 16:9; --moderation low and --hide-watermark map to the native fields', async () => {
    const flags = '--model flux-2-pro --aspect-ratio 16:9 --moderation low --hide-watermark --format webp --json';
    const run = await lagoon(['generate', '--prompt', 'A wide lagoon panorama', ...flags.split(' ')]);
    expect(run.code).toBe(0);
    expect(posts()).toHaveLength(1);
    const body = posts()[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'flux-2-pro', aspect_ratio: '16:9', safe_mode: false, hide_watermark: true, format: 'webp', variants: 1 });
    expect(body).not.toHaveProperty('width');
    // No --seed: Lagoon picks one, sends it, and reports it so the image can be made again.
    expect(typeof body.seed).toBe('number');
    expect(run.lines[0]?.seed).toBe(body.seed);
    const meta = await sharp(String(run.lines[0]?.file)).metadata();
    expect(meta.format).toBe('webp');
    expect((meta.width ?? 0) / (meta.height ?? 1)).toBeCloseTo(16 / 9, 1);
    expect(run.lines[0]).toMatchObject({ width: meta.width, height: meta.height });
  });

  it('prints one human line per variant, with the seed', async () => {
    const run = await lagoon(['generate', '--prompt', 'Two gulls', '--variants', '2', '--seed', '7', '--size', '256x256']);
    expect(run.code).toBe(0);
    const saved = run.stdout.split('\n').filter((l) => l.startsWith('Saved '));
    expect(saved).toHaveLength(2);
    for (const line of saved) expect(line).toMatch(/^Saved \/.+\.png \(256x256 png, model z-image-turbo, seed 7, id [0-9a-f-]{36}\)$/);
    expect(run.stderr).toContain('(2 variants)');
  });

  it('2: per-model limits are checked against the catalogue before anything is sent, naming the flag', async () => {
    const cases: Array<[string[], string]> = [
      [['--model', 'venice-sd35', '--steps', '31'], '--steps: Venice SD35 allows at most 30 steps'],
      [['--model', 'flux-2-pro', '--aspect-ratio', '7:3'], '--aspect-ratio: Flux 2 Pro offers the aspect ratios'],
      // Venice's default model (z-image-turbo) is sized in pixels: it has no aspect ratios at all.
      [['--aspect-ratio', '16:9'], '--aspect-ratio: Z-Image Turbo'],
      [['--model', 'venice-sd35', '--size', '1000x1008'], '--size: Venice SD35 needs a width divisible by 16; 1000 is not'],
      [['--model', 'flux-2-pro', '--size', '1024x768'], '--size: Flux 2 Pro is sized by aspect ratio'],
      [['--model', 'venice-sd35', '--negative', 'n'.repeat(1501)], '--negative: This model accepts at most 1500 characters; this text has 1501'],
      [['--model', 'nano-banana-2', '--resolution', '8K'], '--resolution: Nano Banana 2 offers the resolutions 1K, 2K, 4K, not 8K'],
      [['--model', 'gpt-image-1-5', '--quality', 'low', '--resolution', '2K'], '--resolution: GPT Image 1.5 does not take a resolution'],
      [['--model', 'venice-sd35', '--style', 'anime'], '--style: "anime" is not one of Venice\'s styles: names are exact, case included, so use "Anime"'],
      [['--model', 'no-such-model', '--seed', '1'], '--model: Venice lists no image model "no-such-model"'],
    ];
    for (const [flags, message] of cases) {
      const run = await lagoon(['generate', '--prompt', 'a reef', ...flags, '--json']);
      expect({ flags, code: run.code }).toEqual({ flags, code: 2 });
      expect(errorOf(run).code).toBe('INVALID_INPUT');
      expect(errorOf(run).message).toContain(message);
      expect(errorOf(run).message).toContain('Nothing was sent.');
    }
    // The model's own prompt limit (1500 here) is tighter than the native route's 7500.
    const long = await lagoon(['generate', '--prompt', 'p'.repeat(1501), '--model', 'venice-sd35', '--seed', '1']);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('--prompt: This model accepts at most 1500 characters');
    expect(posts()).toHaveLength(0);
    expect(imageFiles()).toEqual([]);
  });

  it('2: one prompts-file line over the model limit stops the whole batch', async () => {
    const file = join(dataDir, 'prompts.txt');
    await writeFile(file, `fine\n${'q'.repeat(1501)}\nalso fine\n`);
    const run = await lagoon(['generate', '--prompts-file', file, '--model', 'lustify-v8', '--variants', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 2: This model accepts at most 1500 characters');
    expect(posts()).toHaveLength(0);
  });

  it('a deprecated model works, with a warning naming its replacement on stderr', async () => {
    const run = await lagoon(['generate', '--prompt', 'An old lighthouse', '--model', 'lustify-v7', '--steps', '30', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('lagoon: warning: Lustify v7 is deprecated and will be removed on 2026-04-16. Use lustify-v8 instead.');
    expect(run.lines).toEqual([expect.objectContaining({ model: 'lustify-v7', batch: expect.any(String) })]);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.body).toMatchObject({ model: 'lustify-v7', steps: 30 });
  });

  it('2: a model Venice lists as offline is refused on either route, after one fresh look at the list', async () => {
    const native = await lagoon(['generate', '--prompt', 'a reef', '--model', 'hunyuan-image-v3', '--aspect-ratio', '1:1', '--json']);
    expect(native.code).toBe(2);
    expect(native.lines).toMatchObject([{ error: { code: 'INVALID_INPUT', message: expect.stringContaining('--model: Hunyuan Image 3.0 is offline at Venice') } }]);
    const simple = await lagoon(['generate', '--prompt', 'a reef', '--model', 'hunyuan-image-v3']);
    expect(simple.code).toBe(2);
    expect(simple.stderr).toContain('offline at Venice');
    expect(posts()).toHaveLength(0);
    // The second run found a fresh list in the library, yet fetched it again: offline is a fact that changes.
    expect(fake.requests.filter((r) => r.path === '/api/v1/models').length).toBe(2);
  });

  it('a model the saved list wrongly shows offline is sent once a fresh list says it is back', async () => {
    expect((await lagoon(['models'])).code).toBe(0);
    const db = new Database(join(dataDir, 'lagoon.db'));
    db.prepare(`UPDATE models_cache SET info_json = json_set(info_json, '$.offline', json('true')) WHERE id = 'flux-2-pro'`).run();
    db.close();
    const run = await lagoon(['generate', '--prompt', 'a reef', '--model', 'flux-2-pro', '--aspect-ratio', '3:2', '--json']);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([expect.objectContaining({ model: 'flux-2-pro' })]);
    expect(posts()).toHaveLength(1);
  });

  it('8: a blocked request stores nothing and prints no image line, whatever the variants', async () => {
    const run = await lagoon(['generate', '--prompt', 'a lagoon [fail:violation]', '--variants', '2', '--json']);
    expect(run.code).toBe(8);
    expect(run.lines).toMatchObject([{ error: { code: 'CONTENT_BLOCKED', message: expect.any(String) } }]);
    expect(posts()).toHaveLength(1);
    expect(imageFiles()).toEqual([]);
  });

  it('without a model list: says so; with no --model the native route cannot even pick one', async () => {
    const offline = { env: { LAGOON_API_BASE_URL: await closedPortUrl() } };
    const noModel = await lagoon(['generate', '--prompt', 'a reef', '--seed', '3', '--json'], offline);
    expect(noModel.code).toBe(7);
    expect(errorOf(noModel)).toMatchObject({
      code: 'OFFLINE',
      message: expect.stringMatching(/^Venice's model list could not be loaded \(.+\), so Lagoon does not know Venice's default model; name one with --model\. Nothing was sent\.$/),
    });
    const named = await lagoon(['generate', '--prompt', 'a reef', '--model', 'flux-2-pro', '--aspect-ratio', '7:3', '--json'], offline);
    expect(named.stderr).toContain("lagoon: warning: Venice's model list could not be loaded");
    expect(named.stderr).toContain('so the limits of flux-2-pro were not checked; Venice will judge the request.');
    // Venice is unreachable all the same: the class is the network's, and nothing left the machine.
    expect(named.code).toBe(7);
    expect(errorOf(named).code).toBe('OFFLINE');
    expect(fake.requests).toHaveLength(0);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { type LagoonRun, runLagoon } from './cliRunner.ts';

// lagoon edit / combine / upscale / remove-background / show as real child processes against the fake Venice over
// HTTP, counting the POSTs each one makes.

const KEY = 'sk-canary-cli-iterate-7c1e9a3b-2d4f-4a6b-8c0d-1e2f3a4b5c6d';
let fake: FakeVenice;
let dataDir: string;
let photo: string;

beforeAll(async () => {
  fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 1000 });
  dataDir = await mkdtemp(join(tmpdir(), 'lagoon-cli-iterate-'));
  photo = join(dataDir, 'photo.png');
  await writeFile(photo, await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a6f97' } }).png().toBuffer());
});
afterAll(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

const lagoon = async (args: string[]): Promise<LagoonRun> => {
  const run = await runLagoon(args, { env: { LAGOON_DATA_DIR: join(dataDir, 'library'), LAGOON_API_BASE_URL: fake.url, VENICE_API_KEY: KEY } });
  expect(run.stdout + run.stderr).not.toContain(KEY);
  return run;
};
const errorCode = (run: LagoonRun): string | undefined => (run.lines[0]?.error as { code?: string } | undefined)?.code;
const posts = (path: string): number => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(path)).length;
const only = (run: LagoonRun): Record<string, unknown> => {
  expect([run.code, run.lines.length], run.stderr).toEqual([0, 1]);
  return run.lines[0] as Record<string, unknown>;
};

// Each test runs several real `lagoon` processes (about 1 s each to start on 2 cores): room for a busy machine.
describe('lagoon edit, upscale, remove-background, combine, show', { timeout: 90_000 }, () => {
  it('runs the family from a file and from library ids, one JSON line per stored image with its parents', async () => {
    const edited = only(await lagoon(['edit', photo, '--prompt', 'add a heron', '--enhance', '--json']));
    expect(edited).toMatchObject({ format: 'png', parents: [], operation: 'edit', enhancedPrompt: 'add a heron, highly detailed, dramatic lighting' });
    expect(posts('/image/edit')).toBe(1);

    const up = await lagoon(['upscale', String(edited.id), '--scale', '2', '--json']);
    const upscaled = only(up);
    expect(up.stderr).toMatch(/Price: \$0\.02/);
    expect(up.stderr).toMatch(new RegExp(`will be ${Number(edited.width) * 2}×${Number(edited.height) * 2}`));
    expect(upscaled).toMatchObject({ parents: [edited.id], width: Number(edited.width) * 2, height: Number(edited.height) * 2, prompt: 'add a heron' });

    const cut = only(await lagoon(['remove-background', String(upscaled.id), '--json']));
    expect(cut).toMatchObject({ parents: [upscaled.id], format: 'png' });
    expect((await sharp(String(cut.file)).metadata()).hasAlpha).toBe(true);

    const combined = only(await lagoon(['combine', String(cut.id), String(edited.id), photo, '--prompt', 'together', '--model', 'qwen-edit', '--json']));
    expect(combined.parents).toEqual([cut.id, edited.id]);
    expect(posts('/image/multi-edit')).toBe(1);

    const shown = only(await lagoon(['show', String(edited.id), '--json']));
    expect(shown.parents).toEqual([expect.objectContaining({ id: null, role: 'base', operation: 'edit', state: 'file' })]);
    expect(shown.children).toEqual([upscaled.id, combined.id]);
    const human = await lagoon(['show', String(combined.id)]);
    expect(human.stdout).toMatch(/made from .*\[base, combine\]/);

    // The family is searchable by lineage, and the enhanced prompt by its words.
    const found = async (...args: string[]) => (await lagoon(['search', ...args, '--json'])).lines.map((l) => l.id);
    expect(await found('--kind', 'upscale')).toEqual([upscaled.id]);
    expect(await found('--kind', 'edit')).toEqual([edited.id]);
    expect(await found('--has-versions')).toEqual([cut.id, upscaled.id, edited.id]);
    expect(await found('dramatic', '--kind', 'edit')).toEqual([edited.id]);
    expect((await lagoon(['search', '--kind', 'crop', '--json'])).code).toBe(2);
    // Twelve child processes, each opening the library: slow on a busy machine, and no assertion is about time.
  }, 180_000);

  it('refuses inputs before sending (exit 2, no POST) and a content refusal with exit 8', async () => {
    const before = fake.requests.length;
    const tiny = join(dataDir, 'tiny.png');
    await writeFile(tiny, await sharp({ create: { width: 100, height: 100, channels: 3, background: '#fff' } }).png().toBuffer());
    const small = await lagoon(['upscale', tiny, '--json']);
    expect([small.code, errorCode(small)]).toEqual([2, 'INVALID_INPUT']);
    expect((await lagoon(['edit', join(dataDir, 'missing.png'), '--prompt', 'p'])).code).toBe(2);
    expect((await lagoon(['upscale', photo, '--scale', '3'])).code).toBe(2);
    expect((await lagoon(['combine', photo, '--prompt', 'p'])).code).toBe(2);
    expect(fake.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(0);

    const refused = await lagoon(['edit', photo, '--prompt', '[fail:violation] no', '--json']);
    expect([refused.code, errorCode(refused)]).toEqual([8, 'CONTENT_BLOCKED']);
    expect(posts('/image/edit')).toBe(2);
  });

  it('says so when an upscale is reduced to what Venice will do', async () => {
    const big = join(dataDir, 'big.png');
    await writeFile(big, await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#444' } }).png().toBuffer());
    const run = await lagoon(['upscale', big, '--scale', '4', '--json']);
    const line = only(run);
    expect(run.stderr).toMatch(/would pass Venice's 16,777,216 pixels at 4×, so Venice makes \d+×\d+ \(2\.\d\d×\) instead/);
    expect(Number(line.width) * Number(line.height)).toBeLessThanOrEqual(16_777_216);
  });
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import encodeChunks from 'png-chunks-encode';
import extractChunks from 'png-chunks-extract';
import { encode as encodeText } from 'png-chunk-text';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundleInput, buildCli } from '../../scripts/buildCli.ts';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';

/**
 * The built CLI (scripts/buildCli.ts) against the sources it was built from, as real child processes: the same
 * answers, the version without a package.json beside it, the native addons loaded from node_modules, and the
 * import's worker thread found beside the bundle.
 */

const REPO = join(import.meta.dirname, '../..');
const KEY = 'sk-canary-cli-bundle-0b6f1c2e-7d4a-4e9b-8c3f-2a1d5e6f7a8b';
const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };

let work: string;
let bundle: string;
let inputs: BundleInput[];
let fake: FakeVenice;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const run = (entry: string, args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, entry, ...args], { env: { PATH: process.env.PATH ?? '', HOME: work, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
const SOURCE = join(REPO, 'src/cli/main.ts');

const a1111Png = async (prompt: string): Promise<Buffer> => {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7ca5' } }).png().toBuffer();
  const chunks = extractChunks(png);
  chunks.splice(1, 0, encodeText('parameters', `${prompt}\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 7, Size: 64x48, Model: sdxl-base`));
  return Buffer.from(encodeChunks(chunks));
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lagoon-cli-bundle-'));
  // Outside the checkout, the bundle finds the native addons as an installed copy would: in node_modules above it.
  symlinkSync(join(REPO, 'node_modules'), join(work, 'node_modules'), 'dir');
  ({ entry: bundle, inputs } = await buildCli(join(work, 'out', 'cli')));
  fake = await startFakeVenice({ apiKey: KEY });
}, 120_000);

afterAll(async () => {
  await fake?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the built CLI (real child processes)', { timeout: 90_000 }, () => {
  it('lists what it was built from: the CLI, the core, pure-JS dependencies and the version source, no native addon', () => {
    const files = inputs.map((input) => input.file);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'src/cli/main.ts', 'src/main/core/transfer/inspectWorker.ts']));
    expect(files.some((file) => file.startsWith('node_modules/zod/'))).toBe(true);
    expect(files.filter((file) => /node_modules\/(better-sqlite3|sharp|keytar|@img)\//u.test(file))).toEqual([]);
  });

  it('prints the version from the build, and the same help as the sources', async () => {
    expect(existsSync(join(work, 'package.json'))).toBe(false);
    expect(await run(bundle, ['--version'])).toEqual({ code: 0, stdout: `lagoon ${version}\n`, stderr: '' });
    for (const args of [['--help'], ['help', 'export']]) {
      const [built, source] = await Promise.all([run(bundle, args), run(SOURCE, args)]);
      expect(built.code).toBe(0);
      expect(built.stdout).toBe(source.stdout);
    }
  });

  it('imports on its worker thread, generates through the fake Venice, and lists as the sources do', async () => {
    const dataDir = join(work, 'library');
    const env = { LAGOON_DATA_DIR: dataDir, LAGOON_API_BASE_URL: fake.url, VENICE_API_KEY: KEY };
    const file = join(work, 'heron.png');
    await writeFile(file, await a1111Png('a heron in the reeds'));

    const record = join(work, 'modules.txt');
    const recorder = ['--import', join(REPO, 'tests/unit/fixtures/moduleRecorder.ts')];
    const imported = await run(bundle, ['import', file, '--json'], { ...env, LAGOON_RECORD_MODULES: record }, recorder);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout.trim())).toMatchObject({ prompt: 'a heron in the reeds', width: 64, height: 48 });
    // Parsed on the worker thread built beside the bundle (the inspector would quietly work in-thread without it).
    expect(readFileSync(record, 'utf8').split('\n')).toContain(pathToFileURL(join(work, 'out', 'cli', 'inspectWorker.mjs')).href);

    const generated = await run(bundle, ['generate', '--prompt', 'a paper boat', '--json'], env);
    expect(generated.code, generated.stderr).toBe(0);
    const image = JSON.parse(generated.stdout.trim()) as { file: string; prompt: string };
    expect(image.prompt).toBe('a paper boat');
    expect((await sharp(image.file).metadata()).width).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    const [built, source] = await Promise.all([run(bundle, ['list', '--json'], env), run(SOURCE, ['list', '--json'], env)]);
    expect(built.code).toBe(0);
    expect(built.stdout.trim().split('\n')).toHaveLength(2);
    expect(built.stdout).toBe(source.stdout);
  });
});

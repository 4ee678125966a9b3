import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLagoon, startLagoon } from './cliRunner.ts';
import { writeScanFolder } from './fixtures/scanFolder.ts';
import { waitFor } from './helpers/queueHarness.ts';

/** Enough detailed 512² pictures that the import still runs when Ctrl-C comes after its first progress line. */
const FILES = 120;

const env = (dataDir: string) => ({ env: { LAGOON_DATA_DIR: dataDir } });

/**
 * `lagoon import` progress on stderr (plain lines when stderr is not a terminal, nothing with --quiet) and Ctrl-C,
 * which cancels the import and keeps what was imported. Real child processes, real files.
 */
describe('lagoon import: progress and Ctrl-C (real child processes)', { timeout: 120_000 }, () => {
  let root: string;
  let folder: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lagoon-cli-import-'));
    folder = join(root, 'scans');
    await writeScanFolder(folder, FILES, 512);
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('prints plain progress lines with the count on stderr, none with --quiet, and refuses an unknown --progress', async () => {
    const three = join(root, 'three');
    await mkdir(three);
    for (let i = 0; i < 3; i++) await writeFile(join(three, `s-${i}.png`), await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: i * 60, g: 90, b: 30 } } }).png().toBuffer());
    const loud = await runLagoon(['import', three], env(join(root, 'loud')));
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stderr).toContain('Importing: 3 of 3');
    expect(loud.stdout).toContain('Imported 3, already in the library 0');
    const quiet = await runLagoon(['import', three, '--quiet'], env(join(root, 'quiet')));
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('Importing:');
    const bad = await runLagoon(['import', three, '--progress', 'fancy'], env(join(root, 'bad')));
    expect(bad.code).toBe(2);
  });

  it('Ctrl-C cancels: exit 130, what was imported stays and is listed, the rest is said to be not started', async () => {
    const dataDir = join(root, 'stopped');
    const run = startLagoon(['import', folder, '--json'], env(dataDir));
    await waitFor('the first progress line', () => run.stderrSoFar().includes('Importing:'), 60_000);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(130);
    const notStarted = Number(/Stopped: (\d+) not started/u.exec(result.stderr)?.[1]);
    expect(notStarted).toBeGreaterThan(0);
    expect(result.lines.length + notStarted).toBe(FILES);
    const listed = await runLagoon(['list', '--json', '--limit', '200'], env(dataDir));
    expect(listed.lines.map((l) => l.id).toSorted()).toEqual(result.lines.map((l) => l.id).toSorted());
  });
});

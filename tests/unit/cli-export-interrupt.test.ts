import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLagoon, startLagoon } from './cliRunner.ts';
import { waitFor } from './helpers/queueHarness.ts';

const IMAGES = 12;
const SIDE = 1200;

const partials = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('.partial-')) : []);

/** `lagoon export --zip` stopped half-way leaves no hidden partial behind, and old partials are swept. */
describe('lagoon export --zip and its partial file', () => {
  let root: string;
  let ids: string[];
  const env = (): Record<string, string> => ({ LAGOON_DATA_DIR: join(root, 'library') });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lagoon-cli-zip-'));
    const incoming = join(root, 'incoming');
    await mkdir(incoming);
    // Noise does not compress: a zip of these takes long enough to be stopped in the middle.
    for (let i = 0; i < IMAGES; i++) {
      const png = await sharp(randomBytes(SIDE * SIDE * 3), { raw: { width: SIDE, height: SIDE, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
      await writeFile(join(incoming, `noise-${i}.png`), png);
    }
    const imported = await runLagoon(['import', incoming, '--json'], { env: env() });
    ids = imported.lines.map((l) => String(l.id));
    if (imported.code !== 0 || ids.length !== IMAGES) throw new Error(`import for the export tests failed: ${imported.stderr}`);
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('Ctrl-C while the zip is written: exit 130, no .partial-* and no zip left in the folder', { timeout: 120_000 }, async () => {
    const out = join(root, 'stopped');
    await mkdir(out);
    const run = startLagoon(['export', ...ids, '--zip', join(out, 'all.zip')], { env: env() });
    await waitFor('the partial zip to appear', () => partials(out).length > 0, 60_000);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('no zip was written');
    expect(readdirSync(out)).toEqual([]);
  });

  it('an old partial left by a killed export is swept by the next export into that folder; a fresh one is left alone', { timeout: 120_000 }, async () => {
    const out = join(root, 'swept');
    await mkdir(out);
    const stale = join(out, `.partial-${randomUUID()}`);
    const fresh = join(out, `.partial-${randomUUID()}`);
    await writeFile(stale, 'half a zip');
    await writeFile(fresh, 'someone is writing this');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    const run = await runLagoon(['export', ids[0]!, '--zip', join(out, 'one.zip')], { env: env() });
    expect(run.code).toBe(0);
    expect(readdirSync(out).toSorted()).toEqual([fresh.slice(out.length + 1), 'one.zip'].toSorted());
  });
});

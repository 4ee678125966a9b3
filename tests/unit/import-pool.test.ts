import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/main/core/events/eventBus.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { createLibrary } from '../../src/main/core/library/library.ts';
import { createTransfer } from '../../src/main/core/transfer/transferService.ts';
import { progressReporter } from '../../src/main/core/transfer/transferProgress.ts';
import type { EventName } from '../../src/shared/ipc/contract.ts';
import { makeImage } from './fixtures/transferImages.ts';

const WORKER = fileURLToPath(new URL('../../src/main/core/transfer/inspectWorker.ts', import.meta.url));

/**
 * A folder imported the app's way (the service: a pool of inspect workers, rows committed in batches): every file
 * once, two copies of one picture as one image, and cancel stops taking files while keeping what was imported.
 * Real SQLite file, real images, real worker threads.
 */
let root: string;
let folder: string;
let cleanup: Array<() => void>;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-import-pool-')));
  folder = join(root, 'in');
  mkdirSync(folder);
  cleanup = [];
});
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
  rmSync(root, { recursive: true, force: true });
});

const openService = () => {
  const dataDir = join(root, 'data');
  const db = openDatabase(join(dataDir, 'lagoon.db'));
  cleanup.push(() => closeDatabase(db));
  const events = createEventBus();
  const seen: Array<[EventName, unknown]> = [];
  events.subscribe((name, payload) => void seen.push([name, payload]));
  const library = createLibrary({ db, dataDir });
  const transfer = createTransfer({ db, library, dataDir, events, trash: { restore: () => [] }, inspectWorkerPath: WORKER, progressIntervalMs: 0 });
  const count = (): number => db.prepare('SELECT count(*) FROM images').pluck().get() as number;
  return { transfer, events, seen, count, dataDir };
};

const writePictures = async (n: number, from = 0): Promise<void> => {
  for (let i = from; i < from + n; i++) writeFileSync(join(folder, `p-${String(i).padStart(3, '0')}.png`), await makeImage('png', { seed: i + 1 }));
};

describe('importing a folder on the worker pool', () => {
  it('imports every file once, with its thumbnail; two copies of one picture become one image', { timeout: 60_000 }, async () => {
    await writePictures(12);
    writeFileSync(join(folder, 'p-000 copy.png'), await makeImage('png', { seed: 1 }));
    const { transfer, count, dataDir } = openService();
    const result = await transfer.importPaths([folder]);
    expect(result).toMatchObject({ chosen: true, done: 12, skipped: 1, duplicates: 1, failed: [], cancelled: false, notStarted: 0 });
    expect(count()).toBe(12);
    const thumbs = readdirSync(join(dataDir, 'thumbs'), { recursive: true }).filter((f) => String(f).endsWith('.webp'));
    expect(thumbs).toHaveLength(12);
  });

  it('cancel stops taking files, keeps what was imported, and a second import brings the rest', { timeout: 60_000 }, async () => {
    // The walk takes files in name order: the text file comes first and is settled at once, before any picture
    // can be, so the cancel below lands while at most one file per lane has been begun.
    writeFileSync(join(folder, '0-notes.txt'), 'not a picture');
    await writePictures(20);
    const { transfer, events, count } = openService();
    let answered: boolean | null = null;
    const stop = events.subscribe((name) => {
      if (name === 'transfer.progress' && answered === null) answered = transfer.cancelImport();
    });
    const first = await transfer.importPaths([folder]);
    stop();
    expect(answered).toBe(true);
    expect(first.cancelled).toBe(true);
    expect(first.notStarted).toBeGreaterThan(10);
    expect(first.done + first.skipped + first.failed.length + first.notStarted).toBe(21);
    expect(count()).toBe(first.done);
    expect(transfer.cancelImport()).toBe(false);

    const second = await transfer.importPaths([folder]);
    expect(second).toMatchObject({ done: 20 - first.done, duplicates: first.done, cancelled: false, notStarted: 0 });
    expect(count()).toBe(20);
  });
});

describe('transfer progress', () => {
  it('tells the rate and the time left once a second has passed, and not before', () => {
    const events = createEventBus();
    const seen: unknown[] = [];
    events.subscribe((name, payload) => void (name === 'transfer.progress' && seen.push(payload)));
    let t = 10_000;
    const report = progressReporter(events, () => t, 0, 'import');
    report(0, 100);
    t += 500;
    report(5, 100);
    t += 1500;
    report(40, 100);
    report(100, 100);
    expect(seen).toEqual([
      { operation: 'import', done: 0, total: 100, perSecond: null, remainingMs: null },
      { operation: 'import', done: 5, total: 100, perSecond: null, remainingMs: null },
      { operation: 'import', done: 40, total: 100, perSecond: 20, remainingMs: 3000 },
      { operation: 'import', done: 100, total: 100, perSecond: 50, remainingMs: 0 },
    ]);
  });
});

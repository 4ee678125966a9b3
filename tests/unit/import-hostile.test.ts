import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { createLibrary, type Library } from '../../src/main/core/library/library.ts';
import { embedMetadata, stripMetadata } from '../../src/main/core/transfer/metadata.ts';
import { type ImportOutcome, importPaths } from '../../src/main/core/transfer/importFiles.ts';
import { MAX_IMPORTED_PROMPT_CHARS } from '../../src/main/core/transfer/importRecord.ts';
import { createInspector, type Inspector } from '../../src/main/core/transfer/inspector.ts';
import { decodePngText, decoderInput, readPngChunks, readPngTexts, writePngChunks } from '../../src/main/core/transfer/pngChunks.ts';
import { a1111OneWord, jpegOneByteSegment, pngWithoutIend, writeHostileFolder, zTxtBombs } from './fixtures/hostileFiles.ts';
import { makeImage } from './fixtures/transferImages.ts';

/**
 * Hostile files through the real import: on the inspect worker (run from source, as the CLI and harness do), a
 * real library, real images. Each file must end as the threat model says (read within budget, or skipped with its
 * reason) and the import must go on to the next file.
 */
const WORKER = fileURLToPath(new URL('../../src/main/core/transfer/inspectWorker.ts', import.meta.url));

let root: string;
let db: Database;
let library: Library;
const inspectors: Inspector[] = [];

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-hostile-')));
  mkdirSync(join(root, 'in'));
  db = openDatabase(join(root, 'lagoon.db'));
  library = createLibrary({ db, dataDir: root });
});
afterEach(async () => {
  for (const inspector of inspectors.splice(0)) await inspector.close();
  closeDatabase(db);
  rmSync(root, { recursive: true, force: true });
});

const inspector = (opts: Parameters<typeof createInspector>[0] = {}): Inspector => {
  const made = createInspector({ workerPath: WORKER, ...opts });
  inspectors.push(made);
  return made;
};

const byName = (items: ImportOutcome[]): Record<string, ImportOutcome> =>
  Object.fromEntries(items.map((o) => [o.path.split('/').at(-1)!, o]));

const promptOf = (outcome: ImportOutcome | undefined): string | undefined =>
  outcome?.status === 'imported' ? library.get(outcome.id)?.prompt : undefined;

describe('importing hostile files', () => {
  it('reads each within budget or skips it with its reason, and imports the rest of the folder', { timeout: 60_000 }, async () => {
    const names = await writeHostileFolder(join(root, 'in'));
    writeFileSync(join(root, 'in', 'fine.png'), await makeImage('png', { seed: 99 }));
    const summary = await importPaths({ db, library, inspector: inspector() }, [join(root, 'in')]);
    const items = byName(summary.items);
    expect(Object.keys(items).toSorted()).toEqual([...names, 'fine.png'].toSorted());
    // The linear parser reads the whole word; the library keeps the first 10,000 characters and says so.
    expect(promptOf(items['a1111-one-word.png'])).toBe('a'.repeat(MAX_IMPORTED_PROMPT_CHARS));
    const clipped = items['a1111-one-word-1mb.png'];
    expect(promptOf(clipped)).toBe('a'.repeat(MAX_IMPORTED_PROMPT_CHARS));
    expect(clipped?.status === 'imported' && library.get(clipped.id)?.response).toMatchObject({ imported: { source: 'a1111', promptClippedFrom: 1_000_000 } });
    // The bombs' text is over the file's inflate budget, so the image comes in on its file name alone.
    expect(items['ztxt-bombs.png']?.status).toBe('imported');
    expect(promptOf(items['ztxt-bombs.png'])).toBe('ztxt-bombs');
    // The packet is over the XMP cap (and not well-formed): the image comes in, the packet is not read.
    expect(promptOf(items['xmp-open-tags.png'])).toBe('xmp-open-tags');
    // Refused rather than repaired: export and drag-out would refuse them later.
    expect(items['no-iend.png']).toMatchObject({ status: 'skipped', reason: 'damaged' });
    expect(items['one-byte-segment.jpg']).toMatchObject({ status: 'skipped', reason: 'damaged' });
    expect(promptOf(items['fine.png'])).toBe('fine');
    // Everything that came in can leave again.
    for (const outcome of summary.items) {
      if (outcome.status !== 'imported') continue;
      const detail = library.get(outcome.id)!;
      const bytes = readFileSync(library.mediaPath('image', outcome.id)!);
      expect(() => stripMetadata(bytes, detail.format)).not.toThrow();
      expect(() => embedMetadata(bytes, { ...detail, request: detail.request })).not.toThrow();
    }
    expect(summary).toMatchObject({ imported: 5, skipped: 2, failed: 0 });
  });

  it('skips a file over the time budget and goes on with a fresh worker', { timeout: 30_000 }, async () => {
    writeFileSync(join(root, 'in', 'slow.png'), await a1111OneWord(3, 1_000_000));
    writeFileSync(join(root, 'in', 'z-after.png'), await makeImage('png', { seed: 4 }));
    // A budget no file can meet for the slow file, one every file meets for the next: that worker must take over.
    const tight = inspector({ timeBudgetMs: 1 });
    const relaxed = inspector();
    const switching: Inspector = { inspect: (task) => (task.fileName === 'slow.png' ? tight : relaxed).inspect(task), render: (bytes, format) => relaxed.render(bytes, format), close: async () => {} };
    const items = byName((await importPaths({ db, library, inspector: switching }, [join(root, 'in')])).items);
    expect(items['slow.png']).toMatchObject({ status: 'skipped', reason: 'over-budget' });
    expect(promptOf(items['z-after.png'])).toBe('z-after');
  });

  it("skips a file whose parsing passes the worker's heap cap", { timeout: 30_000 }, async () => {
    // 14 MB of uncompressed text that JSON-parses into a million arrays cannot fit a 64 MB heap.
    const graph = `{"nodes":[${Array.from({ length: 1_000_000 }, (_, i) => `[${i % 10},1]`).join(',')}]}`;
    const png = readPngChunks(await makeImage('png', { seed: 5 }));
    const text = { name: 'tEXt', data: Buffer.from(`prompt\0${graph}`, 'latin1') };
    writeFileSync(join(root, 'in', 'huge-graph.png'), writePngChunks([png[0]!, text, ...png.slice(1)]));
    const items = byName((await importPaths({ db, library, inspector: inspector({ maxHeapMb: 64, timeBudgetMs: 20_000 }) }, [join(root, 'in')])).items);
    expect(items['huge-graph.png']).toMatchObject({ status: 'skipped', reason: 'over-budget' });
  });
});

const zTxtChunk = (text: string) => ({ name: 'zTXt', data: Buffer.concat([Buffer.from('k\0\0', 'latin1'), deflateSync(Buffer.from(text, 'latin1'))]) });

describe('one inflate budget per file', () => {
  it('stops after 1 MiB of inflated text in all, however many chunks', async () => {
    const texts = readPngTexts(readPngChunks(await zTxtBombs(7, 20)));
    expect(texts).toEqual([]);
  });

  it('still reads compressed text within the budget, and shares the budget between chunks', () => {
    const budget = { remaining: 10 };
    expect(decodePngText(zTxtChunk('abcdef'), budget)).toEqual({ keyword: 'k', text: 'abcdef' });
    expect(budget.remaining).toBe(4);
    expect(() => decodePngText(zTxtChunk('abcdef'), budget)).toThrow(/maxOutputLength|larger than/u);
    expect(budget.remaining).toBe(0);
  });

  it('gives the decoder a PNG without its text chunks', async () => {
    const bombs = await zTxtBombs(8, 2);
    const decoded = readPngChunks(decoderInput(bombs));
    expect(decoded.map((c) => c.name)).not.toContain('zTXt');
    const plain = await makeImage('png', { seed: 8 });
    expect(decoderInput(plain)).toBe(plain);
  });

  it('refuses a PNG without IEND and a JPEG with a 1-byte segment length, as export does', async () => {
    const png = await pngWithoutIend(9);
    const jpeg = await jpegOneByteSegment(9);
    expect(() => stripMetadata(png, 'png')).toThrow(/IEND/u);
    expect(() => stripMetadata(jpeg, 'jpeg')).toThrow(/Malformed JPEG/u);
  });
});

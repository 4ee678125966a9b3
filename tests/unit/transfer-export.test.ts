import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Database } from 'better-sqlite3';
import extractChunks from 'png-chunks-extract';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { ImageFormat } from '../../src/shared/venice.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { createLibrary, type IngestInput, type Library } from '../../src/main/core/library/library.ts';
import { exportImages, type ExportResult } from '../../src/main/core/transfer/exportImages.ts';
import { exportZip } from '../../src/main/core/transfer/exportZip.ts';
import { buildParameters, embedMetadata, readEmbedded } from '../../src/main/core/transfer/metadata.ts';
import { decodePngText } from '../../src/main/core/transfer/pngChunks.ts';
import { makeImage } from './fixtures/transferImages.ts';

const CANARY = 'sk-lagoon-canary-7f3a9c21e8b4';

let root: string;
let dataDir: string;
let target: string;
let outside: string;
let db: Database;
let library: Library;
let now = Date.UTC(2025, 2, 3, 4, 5, 6);

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-export-')));
  dataDir = join(root, 'data');
  target = join(root, 'target');
  outside = join(root, 'outside');
  mkdirSync(target);
  mkdirSync(outside);
  writeFileSync(join(outside, 'sentinel.txt'), 'do not touch');
  db = openDatabase(join(dataDir, 'lagoon.db'));
  library = createLibrary({ db, dataDir, now: () => (now += 1000) });
});
afterEach(() => {
  closeDatabase(db);
  rmSync(root, { recursive: true, force: true });
});

const ingest = async (format: ImageFormat, prompt = 'a lagoon at dawn, 🌅', extra: Partial<IngestInput> = {}) =>
  library.ingest({
    bytes: await makeImage(format, { seed: Math.floor(Math.random() * 1e6) }),
    format,
    prompt,
    model: 'venice-sd35',
    endpoint: 'native',
    request: { model: 'venice-sd35', prompt, negative_prompt: 'blurry', seed: 77, steps: 30, cfg_scale: 7, format },
    response: { id: 'gen-1', durationMs: 900, variant: 0, headers: { 'x-venice-model-id': 'venice-sd35' } },
    ...extra,
  });

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const ok = (r: ExportResult) => {
  if (!('file' in r)) throw new Error(`export failed: ${JSON.stringify(r.error)}`);
  return r;
};

/** Every file under `dir` with its hash, to prove nothing outside the target changed. */
const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = entry.isFile() ? sha(readFileSync(path)) : entry.isSymbolicLink() ? 'symlink' : 'dir';
  }
  return out;
};

describe('exportImages', () => {
  it('writes each format with its metadata, named by the template, with a JSON sidecar', async () => {
    const images = [await ingest('png'), await ingest('jpeg'), await ingest('webp')];
    const progress: number[] = [];
    const results = await exportImages(
      { library, dataDir },
      images.map((i) => i.id),
      { targetDir: target, template: '{prompt}_{seed}_{w}x{h}', sidecar: true },
      (p) => progress.push(p.done),
    );
    expect(progress).toEqual([1, 2, 3]);
    expect(readdirSync(target).toSorted()).toEqual([
      'a-lagoon-at-dawn-🌅_77_48x32.jpg',
      'a-lagoon-at-dawn-🌅_77_48x32.jpg.json',
      'a-lagoon-at-dawn-🌅_77_48x32.png',
      'a-lagoon-at-dawn-🌅_77_48x32.png.json',
      'a-lagoon-at-dawn-🌅_77_48x32.webp',
      'a-lagoon-at-dawn-🌅_77_48x32.webp.json',
    ]);
    for (const [i, result] of results.entries()) {
      const { file, sidecar } = ok(result);
      const detail = images[i]!;
      expect(dirname(file)).toBe(target);
      const bytes = readFileSync(file);
      const read = readEmbedded(bytes);
      expect(read.lagoon?.request).toEqual(detail.request);
      expect(read.lagoon?.id).toBe(detail.id);
      expect(read.a1111?.params).toMatchObject({ Seed: '77', Steps: '30', 'CFG scale': '7', Size: '48x32', Model: 'venice-sd35' });
      const meta = await sharp(bytes).metadata();
      expect(meta.xmpAsString).toContain('a lagoon at dawn, 🌅');
      // Same pixels as the library's copy.
      const original = readFileSync(library.mediaPath('image', detail.id)!);
      expect(await sharp(bytes).raw().toBuffer()).toEqual(await sharp(original).raw().toBuffer());
      const json = JSON.parse(readFileSync(sidecar!, 'utf8'));
      expect(json).toMatchObject({
        schema: 'lagoon.image/1',
        id: detail.id,
        createdAt: new Date(detail.createdAt).toISOString(),
        prompt: detail.prompt,
        model: 'venice-sd35',
        endpoint: 'native',
        format: detail.format,
        sha256: detail.sha256,
        request: detail.request,
        metadataEmbedded: true,
      });
      expect(json.parameters).toBe(buildParameters({ ...detail, request: detail.request }));
    }
  });

  it('PNG export: the parameters chunk is there for A1111 PNG Info', async () => {
    const image = await ingest('png', 'plain ascii prompt');
    const { file } = ok((await exportImages({ library, dataDir }, [image.id], { targetDir: target }))[0]!);
    const texts = extractChunks(readFileSync(file)).map((c) => decodePngText(c)).filter((t) => t !== null);
    expect(texts.find((t) => t.keyword === 'parameters')?.text).toBe(
      'plain ascii prompt\nNegative prompt: blurry\nSteps: 30, CFG scale: 7, Seed: 77, Size: 48x32, Model: venice-sd35',
    );
  });

  it('strip metadata: no prompt in the file, the sidecar still written when asked for', async () => {
    const image = await ingest('jpeg', 'secret prompt words');
    const { file, sidecar } = ok((await exportImages({ library, dataDir }, [image.id], { targetDir: target, stripMetadata: true, sidecar: true }))[0]!);
    const bytes = readFileSync(file);
    expect(readEmbedded(bytes)).toEqual({});
    expect(bytes.includes(Buffer.from('secret prompt'))).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect(meta.xmp).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    expect(JSON.parse(readFileSync(sidecar!, 'utf8')).metadataEmbedded).toBe(false);
  });

  it('reports unknown ids and damaged library files per image, and exports the rest', async () => {
    const good = await ingest('png');
    const damaged = await ingest('webp');
    writeFileSync(library.mediaPath('image', damaged.id)!, Buffer.concat([readFileSync(library.mediaPath('image', damaged.id)!), Buffer.from('x')]));
    const results = await exportImages({ library, dataDir }, ['not-an-id', '00000000-0000-4000-8000-000000000000', damaged.id, good.id], { targetDir: target });
    expect(results.map((r) => ('error' in r ? r.error.code : 'ok'))).toEqual(['NOT_FOUND', 'NOT_FOUND', 'STORAGE_FAILED', 'ok']);
    expect(readdirSync(target)).toHaveLength(1);
  });

  it('never overwrites: exporting twice adds "name (2)", a user file with the name is left alone', async () => {
    const image = await ingest('png', 'dawn');
    writeFileSync(join(target, 'dawn.png'), 'user file');
    const first = ok((await exportImages({ library, dataDir }, [image.id], { targetDir: target, template: '{prompt}' }))[0]!);
    const second = ok((await exportImages({ library, dataDir }, [image.id], { targetDir: target, template: '{prompt}' }))[0]!);
    expect([first.file, second.file]).toEqual([join(target, 'dawn (2).png'), join(target, 'dawn (3).png')]);
    expect(readFileSync(join(target, 'dawn.png'), 'utf8')).toBe('user file');
  });

  it('I7 containment corpus: hostile templates and prompts, a symlinked subfolder and a planted symlink write nothing outside', async () => {
    symlinkSync(outside, join(target, 'sub'));
    symlinkSync(join(outside, 'sentinel.txt'), join(target, 'planted.png'));
    const hostile = [
      '../x', '..\\x', '/etc/x', 'C:\\x', '\\\\server\\share', '\\\\?\\C:\\', 'file:///x', '%2e%2e%2f', 'a\0b', 'x'.repeat(5000),
      'sub/x', 'sub\\x', '..', '.', 'planted', 'CON', 'Planted', 'PLANTED', '\u202Egnp.exe', '..%2f..%2fetc',
    ];
    const ids: string[] = [];
    for (const text of hostile) ids.push((await ingest('png', text)).id);
    const before = snapshot(outside);
    const results = [
      ...(await exportImages({ library, dataDir }, ids, { targetDir: target, template: '{prompt}' })),
      ...(await exportImages({ library, dataDir }, ids.slice(0, 3), { targetDir: target, template: '../../{prompt}/../x' })),
      ...(await exportImages({ library, dataDir }, ids.slice(0, 3), { targetDir: target, template: 'sub/{id}' })),
      ...(await exportImages({ library, dataDir }, ids.slice(0, 3), { targetDir: join(target, 'sub', '..', 'sub'), template: '{id}' })),
    ];
    expect(results.every((r) => 'file' in r)).toBe(true);
    for (const r of results.slice(0, -3)) expect(dirname(ok(r).file)).toBe(target);
    // A symlinked folder chosen as the target is that folder: its real path is where the files go, as directed.
    for (const r of results.slice(-3)) expect(dirname(ok(r).file)).toBe(outside);
    const after = snapshot(outside);
    for (const r of results.slice(-3)) delete after[relative(outside, ok(r).file)];
    expect(after).toEqual(before);
    expect(readFileSync(join(outside, 'sentinel.txt'), 'utf8')).toBe('do not touch');
    expect(lstatSync(join(target, 'planted.png')).isSymbolicLink()).toBe(true);
    expect(readdirSync(target)).toContain('planted (2).png');
    expect(readdirSync(target).filter((n) => n.startsWith('.partial-'))).toEqual([]);
  });

  it('refuses a relative target and a target that is a file, before writing anything', async () => {
    const image = await ingest('png');
    await expect(exportImages({ library, dataDir }, [image.id], { targetDir: 'relative/dir' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    writeFileSync(join(root, 'file'), 'x');
    await expect(exportImages({ library, dataDir }, [image.id], { targetDir: join(root, 'file') })).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await expect(exportImages({ library, dataDir }, [image.id], { targetDir: target, template: '{nope}' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(readdirSync(target)).toEqual([]);
  });

  it('a failure between writing and naming leaves neither a partial nor a final file', async () => {
    const image = await ingest('png');
    const hooks = { beforeLink: () => Promise.reject(new Error('disk vanished')) };
    const [result] = await exportImages({ library, dataDir, hooks }, [image.id], { targetDir: target });
    expect(result).toMatchObject({ id: image.id, error: { code: 'STORAGE_FAILED' } });
    expect(readdirSync(target)).toEqual([]);
  });

  it('sweeps partials a crash left in the target once they are an hour old', async () => {
    const stale = join(target, '.partial-11111111-2222-4333-8444-555555555555');
    const fresh = join(target, '.partial-66666666-7777-4888-8999-aaaaaaaaaaaa');
    writeFileSync(stale, 'old');
    writeFileSync(fresh, 'new');
    utimesSync(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await exportImages({ library, dataDir }, [(await ingest('png')).id], { targetDir: target });
    expect(readdirSync(target).filter((n) => n.startsWith('.partial-'))).toEqual(['.partial-66666666-7777-4888-8999-aaaaaaaaaaaa']);
  });
});

const readZip = (path: string): Promise<Map<string, Buffer>> =>
  new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });

describe('exportZip', () => {
  it('zips the selection with sidecars; entries match a folder export byte for byte; never replaces a zip', async () => {
    const images = [await ingest('png', 'same'), await ingest('jpeg', 'same'), await ingest('png', 'Same')];
    writeFileSync(join(target, 'selection.zip'), 'older zip');
    const result = await exportZip({ library, dataDir }, [...images.map((i) => i.id), 'missing'], { zipPath: join(target, 'selection.zip'), template: '{prompt}', sidecar: true });
    expect(result.file).toBe(join(target, 'selection (2).zip'));
    expect(readFileSync(join(target, 'selection.zip'), 'utf8')).toBe('older zip');
    expect(result.items.map((i) => ('entry' in i ? i.entry : i.error.code))).toEqual(['same.png', 'same.jpg', 'Same (2).png', 'NOT_FOUND']);

    const entries = await readZip(result.file!);
    expect([...entries.keys()].toSorted()).toEqual(['Same (2).png', 'Same (2).png.json', 'same.jpg', 'same.jpg.json', 'same.png', 'same.png.json']);
    for (const [i, image] of images.entries()) {
      const name = (result.items[i] as { entry: string }).entry;
      const expected = embedMetadata(readFileSync(library.mediaPath('image', image.id)!), { ...image });
      expect(entries.get(name)).toEqual(expected);
      expect(JSON.parse(entries.get(`${name}.json`)!.toString('utf8'))).toMatchObject({ id: image.id, request: image.request });
    }
    expect(readdirSync(target).filter((n) => n.startsWith('.partial-'))).toEqual([]);
  });

  it('a zip that fails before getting its name leaves nothing behind', async () => {
    const image = await ingest('png');
    const hooks = { beforeLink: () => Promise.reject(new Error('disk vanished')) };
    await expect(exportZip({ library, dataDir, hooks }, [image.id], { zipPath: join(target, 'broken.zip') })).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(readdirSync(target)).toEqual([]);
  });

  it('writes no file when nothing could be exported', async () => {
    const result = await exportZip({ library, dataDir }, ['missing'], { zipPath: join(target, 'empty.zip') });
    expect(result).toEqual({ file: null, items: [{ id: 'missing', error: expect.objectContaining({ code: 'NOT_FOUND' }) }] });
    expect(readdirSync(target)).toEqual([]);
  });

  it('streams a larger selection: 60 images, each entry complete', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await ingest(i % 2 ? 'webp' : 'png', `image ${i}`)).id);
    const result = await exportZip({ library, dataDir }, ids, { zipPath: join(target, 'many.zip'), template: '{prompt}' });
    const entries = await readZip(result.file!);
    expect(entries.size).toBe(60);
    for (const bytes of entries.values()) expect((await sharp(bytes).metadata()).width).toBe(48);
    expect(statSync(result.file!).size).toBeGreaterThan(60 * 100);
  });
});

describe('no key in anything exported', () => {
  it('the canary key, present in the environment and the settings table, appears in no exported byte', async () => {
    process.env.VENICE_API_KEY = CANARY;
    try {
      library.setSetting('api_key_hint', CANARY);
      const ids = [(await ingest('png')).id, (await ingest('jpeg')).id, (await ingest('webp')).id];
      await exportImages({ library, dataDir }, ids, { targetDir: target, sidecar: true });
      await exportImages({ library, dataDir }, ids, { targetDir: target, sidecar: true, stripMetadata: true });
      await exportZip({ library, dataDir }, ids, { zipPath: join(target, 'all.zip'), sidecar: true });
      const files = readdirSync(target);
      expect(files.length).toBe(13);
      const needles = [Buffer.from(CANARY, 'utf8'), Buffer.from(CANARY, 'utf16le'), Buffer.from(CANARY, 'utf16le').swap16(), Buffer.from(Buffer.from(CANARY).toString('base64'))];
      for (const name of files) {
        const bytes = readFileSync(join(target, name));
        for (const needle of needles) expect(bytes.includes(needle), name).toBe(false);
      }
    } finally {
      delete process.env.VENICE_API_KEY;
    }
  });
});

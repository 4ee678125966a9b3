import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import { encode as encodeText } from 'png-chunk-text';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { createLibrary, type Library } from '../../src/main/core/library/library.ts';
import { buildExif } from '../../src/main/core/transfer/exifBlock.ts';
import { exportImages } from '../../src/main/core/transfer/exportImages.ts';
import { IMPORT_ENDPOINT, type ImportOutcome, importPaths } from '../../src/main/core/transfer/importFiles.ts';
import { FIND_BY_SHA256_SQL } from '../../src/main/core/transfer/transferQueries.ts';
import { readJpegSegments, replaceJpegMetadata, writeJpegSegments } from '../../src/main/core/transfer/jpegSegments.ts';
import { COMFY_PROMPT, COMFY_WORKFLOW, makeImage } from './fixtures/transferImages.ts';
import { ingestNative } from './helpers/libraryImages.ts';

const KEY_CANARY = 'sk-comfy-partner-canary-91c2';
const A1111_TEXT =
  'masterpiece, a castle on a hill\nat sunset\nNegative prompt: lowres, bad anatomy\nSteps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 3141592, Size: 48x32, Model hash: abc123, Model: dreamshaper_8, Version: v1.10.1';

interface Lib {
  dir: string;
  db: Database;
  library: Library;
}

let root: string;
let incoming: string;
let outside: string;
const libs: Lib[] = [];

const openLib = (name: string): Lib => {
  const dir = join(root, name);
  const db = openDatabase(join(dir, 'lagoon.db'));
  const lib = { dir, db, library: createLibrary({ db, dataDir: dir }) };
  libs.push(lib);
  return lib;
};

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-import-')));
  incoming = join(root, 'incoming');
  outside = join(root, 'outside');
  mkdirSync(join(incoming, 'sub'), { recursive: true });
  mkdirSync(outside);
});
afterEach(() => {
  for (const lib of libs.splice(0)) closeDatabase(lib.db);
  rmSync(root, { recursive: true, force: true });
});

/** A PNG with text chunks written the way Pillow writes them (tEXt after IHDR). */
const pngWithText = async (texts: Record<string, string>, seed: number): Promise<Buffer> => {
  const chunks = extractChunks(await makeImage('png', { seed }));
  chunks.splice(1, 0, ...Object.entries(texts).map(([k, v]) => encodeText(k, v)));
  return Buffer.from(encodeChunks(chunks));
};

/** A1111 saves JPEG parameters as an EXIF UserComment ("UNICODE" + UTF-16BE, via piexif). */
const jpegWithUserComment = async (text: string, seed: number): Promise<Buffer> => {
  const parts = readJpegSegments(await makeImage('jpeg', { seed }));
  return writeJpegSegments(replaceJpegMetadata(parts, { exif: buildExif({ userComment: text }) }));
};

const rows = (lib: Lib) => lib.db.prepare('SELECT id, prompt, model, endpoint, request_json AS request FROM images ORDER BY created_at, id').all() as Array<{ id: string; prompt: string; model: string; endpoint: string; request: string }>;

const byName = (items: ImportOutcome[], name: string) => items.find((i) => i.path.endsWith(`/${name}`));

describe('importPaths', () => {
  it('imports a folder: A1111, ComfyUI, a Lagoon export, a plain file; skips duplicates, non-images and symlinks out', async () => {
    // The Lagoon export comes from another library, so this one has never seen it.
    const source = openLib('source');
    const original = source.library.get(await ingestNative(source.library, { prompt: 'a lagoon at dawn, 🌅', request: { seed: 5, steps: 20, cfg_scale: 7, variants: 1 } }))!;
    const [exported] = await exportImages({ library: source.library, dataDir: source.dir }, [original.id], { targetDir: incoming, template: 'from-lagoon' });
    expect(exported && 'file' in exported).toBe(true);

    const a1111 = await pngWithText({ parameters: A1111_TEXT }, 2);
    writeFileSync(join(incoming, 'a1111.png'), a1111);
    writeFileSync(join(incoming, 'sub', 'copy-of-a1111.png'), a1111);
    const comfyGraph = { ...COMFY_PROMPT, '10': { class_type: 'PartnerNode', inputs: { api_key: KEY_CANARY, auth: `Bearer ${KEY_CANARY}` } } };
    writeFileSync(join(incoming, 'comfy.png'), await pngWithText({ prompt: JSON.stringify(comfyGraph), workflow: JSON.stringify(COMFY_WORKFLOW) }, 3));
    writeFileSync(join(incoming, 'sub', 'a1111.jpg'), await jpegWithUserComment(A1111_TEXT.replace('castle', 'tower'), 4));
    writeFileSync(join(incoming, 'sunset over hills.webp'), await makeImage('webp', { seed: 5 }));
    writeFileSync(join(incoming, 'notes.txt'), 'not an image');
    writeFileSync(join(incoming, 'fake.png'), 'PNG? no');
    writeFileSync(join(incoming, '.hidden.png'), await makeImage('png', { seed: 6 }));
    writeFileSync(join(outside, 'private.png'), await makeImage('png', { seed: 7 }));
    symlinkSync(join(outside, 'private.png'), join(incoming, 'link-out.png'));
    symlinkSync(outside, join(incoming, 'linked-folder'));

    const target = openLib('target');
    const progress: number[] = [];
    const summary = await importPaths({ library: target.library, db: target.db }, [incoming], (p) => progress.push(p.done));

    expect(progress).toEqual(summary.items.map((_, i) => i + 1));
    expect(summary.items.map((i) => [i.path.slice(incoming.length + 1), i.status, 'reason' in i ? i.reason : 'source' in i ? i.source : i.error.code])).toEqual([
      ['a1111.png', 'imported', 'a1111'],
      ['comfy.png', 'imported', 'comfyui'],
      ['fake.png', 'skipped', 'not-an-image'],
      ['from-lagoon.png', 'imported', 'lagoon'],
      ['link-out.png', 'skipped', 'symlink'],
      ['linked-folder', 'skipped', 'symlink'],
      ['notes.txt', 'skipped', 'not-an-image'],
      ['sunset over hills.webp', 'imported', 'file'],
      ['sub/a1111.jpg', 'imported', 'a1111'],
      ['sub/copy-of-a1111.png', 'skipped', 'duplicate'],
    ]);
    expect(summary).toMatchObject({ imported: 5, skipped: 5, failed: 0 });
    expect(byName(summary.items, 'copy-of-a1111.png')).toMatchObject({ existingId: (byName(summary.items, 'a1111.png') as { id: string }).id });

    const stored = rows(target);
    expect(stored).toHaveLength(5);
    const get = (name: string) => target.library.get((byName(summary.items, name) as { id: string }).id)!;

    // Lagoon's own XMP: the original request, model and endpoint come back exactly.
    const lagoon = get('from-lagoon.png');
    expect(lagoon).toMatchObject({ prompt: original.prompt, model: 'venice-sd35', endpoint: 'native', request: original.request });

    const a1111Row = get('a1111.png');
    expect(a1111Row).toMatchObject({ prompt: 'masterpiece, a castle on a hill\nat sunset', model: 'dreamshaper_8', endpoint: IMPORT_ENDPOINT });
    expect(a1111Row.request).toEqual({
      prompt: 'masterpiece, a castle on a hill\nat sunset',
      negative_prompt: 'lowres, bad anatomy',
      steps: 28,
      cfg_scale: 6.5,
      seed: 3141592,
      width: 48,
      height: 32,
      sampler: 'DPM++ 2M Karras',
      model: 'dreamshaper_8',
    });
    expect(get('a1111.jpg')).toMatchObject({ prompt: 'masterpiece, a tower on a hill\nat sunset', endpoint: IMPORT_ENDPOINT });

    const comfy = get('comfy.png');
    expect(comfy).toMatchObject({ prompt: 'a red fox in snow', model: 'v1-5-pruned-emaonly.safetensors', endpoint: IMPORT_ENDPOINT });
    expect(comfy.request).toMatchObject({ negative_prompt: 'watermark', seed: 8675309, steps: 20, cfg_scale: 8, width: 512, height: 512 });
    const comfyRecord = comfy.request.comfy as { prompt: Record<string, unknown>; workflow: unknown };
    expect(comfyRecord.workflow).toEqual(COMFY_WORKFLOW);
    expect(comfyRecord.prompt['3']).toEqual(COMFY_PROMPT['3']);
    // The partner node's key is dropped (by the same guard ingest uses), not stored and not a reason to refuse.
    expect(comfyRecord.prompt['10']).toEqual({ class_type: 'PartnerNode', inputs: { auth: '[redacted]' } });

    expect(get('sunset over hills.webp')).toMatchObject({ prompt: 'sunset over hills', model: 'unknown', endpoint: IMPORT_ENDPOINT });

    // Nothing from behind the symlinks, and the key is nowhere in the database file.
    expect(stored.some((r) => r.prompt.includes('private'))).toBe(false);
    target.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(target.dir, 'lagoon.db')).includes(Buffer.from(KEY_CANARY))).toBe(false);
  });

  it('recognises a Lagoon export of an image already in the library as a duplicate', async () => {
    const lib = openLib('lib');
    const original = lib.library.get(await ingestNative(lib.library, { format: 'jpeg', prompt: 'dawn' }))!;
    const [exported] = await exportImages({ library: lib.library, dataDir: lib.dir }, [original.id], { targetDir: incoming });
    const summary = await importPaths({ library: lib.library, db: lib.db }, [(exported as { file: string }).file]);
    expect(summary.items).toEqual([{ path: (exported as { file: string }).file, status: 'skipped', reason: 'duplicate', existingId: original.id }]);
    expect(rows(lib)).toHaveLength(1);
  });

  it('follows a symlink the user chose, reports missing paths, and imports a file given twice once', async () => {
    const lib = openLib('lib');
    writeFileSync(join(outside, 'chosen.png'), await pngWithText({ parameters: A1111_TEXT }, 11));
    symlinkSync(join(outside, 'chosen.png'), join(incoming, 'chosen-link.png'));
    const summary = await importPaths({ library: lib.library, db: lib.db }, [join(incoming, 'chosen-link.png'), join(outside, 'chosen.png'), join(root, 'missing.png'), 'relative.png']);
    expect(summary.items.map((i) => i.status)).toEqual(['imported', 'skipped', 'skipped']);
    expect(summary.items.slice(1).map((i) => ('reason' in i ? i.reason : null))).toEqual(['not-found', 'not-found']);
    expect(rows(lib)).toHaveLength(1);
  });

  it('refuses a file export could not write out again, and goes on', async () => {
    const lib = openLib('lib');
    // A PNG signature with nothing valid after it: sniffed as PNG, refused by the structure check export also makes.
    writeFileSync(join(incoming, 'broken.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]));
    writeFileSync(join(incoming, 'good.png'), await pngWithText({ parameters: A1111_TEXT }, 12));
    const summary = await importPaths({ library: lib.library, db: lib.db }, [incoming]);
    expect(summary.items.map((i) => i.status)).toEqual(['skipped', 'imported']);
    expect(summary.items[0]).toMatchObject({ reason: 'damaged' });
  });

  it('a file named like a credential is still imported, with the credential-looking text redacted from its records', async () => {
    const lib = openLib('lib');
    writeFileSync(join(incoming, `Bearer ${KEY_CANARY}.png`), await makeImage('png', { seed: 13 }));
    const summary = await importPaths({ library: lib.library, db: lib.db }, [incoming]);
    expect(summary.items.map((i) => i.status)).toEqual(['imported']);
    const detail = lib.library.get((summary.items[0] as { id: string }).id)!;
    expect(JSON.stringify([detail.request, detail.response])).not.toContain(KEY_CANARY);
  });

  it('finds duplicates through the images_by_sha256 index, not a table scan', () => {
    const lib = openLib('lib');
    const plan = lib.db.prepare(`EXPLAIN QUERY PLAN ${FIND_BY_SHA256_SQL}`).all('0'.repeat(64)) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX images_by_sha256/u);
  });
});

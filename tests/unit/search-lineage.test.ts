import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertLineage, type LineageRecord } from '../../src/main/core/iterate/lineageStore.ts';
import { createLibrary, type IngestInput, type Library } from '../../src/main/core/library/library.ts';
import { countImages, searchImages } from '../../src/main/core/library/search/searchImages.ts';
import { seekPosition } from '../../src/main/core/library/search/seekPosition.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import type { ImageEndpoint } from '../../src/shared/veniceFacts.ts';
import { type TempDb, tempDb } from './helpers/searchLibrary.ts';

/**
 * Lineage filters and the enhanced prompt, on a real library: images stored by ingest (real PNGs), their lineage
 * written in the same transaction as the pipeline writes it, and the index kept right by the triggers alone.
 */
let lib: TempDb;
let library: Library;
let shade = 0;
beforeEach(() => {
  lib = tempDb();
  let t = 10_000;
  library = createLibrary({ db: lib.db, dataDir: lib.dir, now: () => (t += 1000) });
});
afterEach(() => lib.close());

interface Made {
  prompt: string;
  endpoint?: ImageEndpoint;
  enhancedPrompt?: string;
  lineage?: Omit<LineageRecord, 'request' | 'enhancedPrompt'>;
}

const store = async ({ prompt, endpoint = 'native', enhancedPrompt, lineage }: Made): Promise<string> => {
  shade += 20;
  const input: IngestInput = {
    bytes: await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: shade % 256, g: 80, b: 160 } } }).png().toBuffer(),
    format: 'png',
    prompt,
    model: 'venice-sd35',
    endpoint,
    request: { prompt, model: 'venice-sd35' },
    response: enhancedPrompt === undefined ? {} : { enhancedPrompt },
    ...(lineage
      ? { alsoInsert: (db, id) => insertLineage(db, id, { ...lineage, request: { prompt }, enhancedPrompt: enhancedPrompt ?? null }) }
      : {}),
  };
  return (await library.ingest(input)).id;
};

const shaOf = (id: string): string => (lib.db.prepare('SELECT sha256 FROM images WHERE id = ?').get(id) as { sha256: string }).sha256;
const from = (id: string, role: 'base' | 'layer' | 'reference' | 'source' = 'source') => ({ id, sha256: shaOf(id), role });

/** The ids a query finds, newest first, checked against its count and a jump to its last image. */
const found = (query: ImageQuery): string[] => {
  const ids = searchImages(lib.db, query, { limit: 100 }).items.map((i) => i.id);
  expect(countImages(lib.db, query), JSON.stringify(query)).toBe(ids.length);
  expect(seekPosition(lib.db, query, ids.length).pastEnd, JSON.stringify(query)).toBe(false);
  expect(seekPosition(lib.db, query, ids.length + 1).pastEnd, JSON.stringify(query)).toBe(true);
  return ids;
};

const family = async () => {
  const original = await store({ prompt: 'a lighthouse at night', enhancedPrompt: 'A towering lighthouse on basalt cliffs, storm light' });
  const edit = await store({ prompt: 'make it dawn', endpoint: 'edit', lineage: { operation: 'edit', parents: [from(original, 'base')] } });
  const upscale = await store({ prompt: 'make it dawn', endpoint: 'upscale', lineage: { operation: 'upscale', parents: [from(edit)] } });
  const cutout = await store({ prompt: 'a lighthouse at night', endpoint: 'remove-background', lineage: { operation: 'remove-background', parents: [from(original)] } });
  const combined = await store({
    prompt: 'both lighthouses in one',
    endpoint: 'combine',
    enhancedPrompt: 'Two lighthouses facing each other across a fjord',
    lineage: { operation: 'combine', parents: [from(original, 'base'), from(edit, 'layer')] },
  });
  const imported = await store({ prompt: 'holiday.png', endpoint: 'import' });
  const referenced = await store({ prompt: 'a red fox', lineage: { operation: 'generate', parents: [from(combined, 'reference')] } });
  return { original, edit, upscale, cutout, combined, imported, referenced };
};

describe('lineage filters', () => {
  it('find originals, each operation, and the images that have versions', async () => {
    const f = await family();
    // A generation with a reference image is still an original: it was made from a prompt.
    expect(found({ kind: 'original' })).toEqual([f.referenced, f.imported, f.original]);
    expect(found({ kind: 'edit' })).toEqual([f.edit]);
    expect(found({ kind: 'combine' })).toEqual([f.combined]);
    expect(found({ kind: 'upscale' })).toEqual([f.upscale]);
    expect(found({ kind: 'remove-background' })).toEqual([f.cutout]);
    expect(found({ hasVersions: true })).toEqual([f.combined, f.edit, f.original]);
    expect(found({ hasVersions: false })).toEqual([f.referenced, f.imported, f.cutout, f.upscale]);
    expect(found({ kind: 'original', hasVersions: true })).toEqual([f.original]);
    expect(found({ text: 'lighthouse', kind: 'original' })).toEqual([f.original]);
    expect(found({ text: 'dawn', kind: 'upscale', sort: 'rating' })).toEqual([f.upscale]);
  });

  it('follow the family as it changes: a purged child takes its parent\'s "has versions" with it, a trashed one does not', async () => {
    const f = await family();
    lib.db.prepare('UPDATE images SET trashed_at = 1 WHERE id = ?').run(f.upscale);
    expect(found({ kind: 'upscale' })).toEqual([]);
    expect(found({ kind: 'upscale', inTrash: true })).toEqual([f.upscale]);
    expect(found({ hasVersions: true })).toEqual([f.combined, f.edit, f.original]);
    // Purging deletes the rows; the foreign keys take the lineage rows along, and their triggers re-index the parents.
    lib.db.prepare('DELETE FROM images WHERE id IN (?, ?)').run(f.upscale, f.combined);
    expect(found({ hasVersions: true })).toEqual([f.original]);
    expect(found({ kind: 'combine' })).toEqual([]);
    lib.db.prepare('DELETE FROM images WHERE id IN (?, ?)').run(f.edit, f.cutout);
    expect(found({ hasVersions: true })).toEqual([]);
  });

  it('count a parent linked after its child (an import of a family in any order)', async () => {
    const child = await store({ prompt: 'an edit', endpoint: 'import' });
    const parent = await store({ prompt: 'the original', endpoint: 'import' });
    lib.db.prepare('INSERT INTO image_derivations (image_id, operation, request_json) VALUES (?, ?, ?)').run(child, 'edit', '{}');
    lib.db.prepare('INSERT INTO image_parents (child_id, position, parent_id, parent_sha256, role) VALUES (?, 0, NULL, ?, ?)').run(child, shaOf(parent), 'base');
    expect(found({ hasVersions: true })).toEqual([]);
    expect(found({ kind: 'edit' })).toEqual([child]);
    lib.db.prepare('UPDATE image_parents SET parent_id = ? WHERE parent_sha256 = ?').run(parent, shaOf(parent));
    expect(found({ hasVersions: true })).toEqual([parent]);
  });
});

describe('the enhanced prompt', () => {
  it('is searched with the prompt, for generations and edits alike, and is never highlighted in the prompt', async () => {
    const f = await family();
    expect(found({ text: 'basalt' })).toEqual([f.original]);
    expect(found({ text: 'fjord' })).toEqual([f.combined]);
    expect(found({ text: 'towering cliffs' })).toEqual([f.original]);
    expect(found({ text: 'fjords OR basalt' })).toEqual([f.combined, f.original]);
    expect(found({ text: 'lighthouse -basalt' })).toEqual([f.combined, f.cutout]);
    const page = searchImages(lib.db, { text: 'basalt lighthouse' });
    expect(page.highlights).toEqual({ [f.original]: [[2, 12]] });
  });
});

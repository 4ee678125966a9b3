import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { searchImages } from '../../src/main/core/library/search/searchImages.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { freshDatabases } from './helpers/freshDb.ts';

const freshDb = freshDatabases('lagoon-mig12-');
let db: Database.Database;
beforeEach(() => {
  db = freshDb();
  migrate(db, ALL_MIGRATIONS.slice(0, 11));
});

const idOf = (n: number): string => `${n.toString(16).padStart(2, '0')}000000-0000-4000-8000-000000000000`;
const shaOf = (n: number): string => n.toString(16).padStart(64, '0');

/** An image row as schema 11 stored it (its search document written by 0006's triggers). */
const storeOld = (n: number, prompt: string, endpoint: string, response: Record<string, unknown> = {}): string => {
  const id = idOf(n);
  db.prepare(
    `INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name)
     VALUES (?, ?, ?, 'm', ?, '{}', ?, 'png', 64, 64, 1, ?, ?, ?)`,
  ).run(id, 1000 + n, prompt, endpoint, JSON.stringify(response), shaOf(n), `images/${id}.png`, `thumbs/${id}.webp`);
  return id;
};

const derive = (child: string, operation: string, parent: { id: string; n: number }): void => {
  db.prepare('INSERT INTO image_derivations (image_id, operation, request_json) VALUES (?, ?, ?)').run(child, operation, '{}');
  db.prepare('INSERT INTO image_parents (child_id, position, parent_id, parent_sha256, role) VALUES (?, 0, ?, ?, ?)').run(child, parent.id, shaOf(parent.n), 'source');
};

const ids = (query: ImageQuery): string[] => searchImages(db, query, { limit: 100 }).items.map((i) => i.id);

describe('migration 0012 (enhanced prompt and lineage in the search index)', () => {
  it('indexes what older versions stored: enhanced prompts, operations, versions; other images keep their documents', () => {
    const original = storeOld(1, 'a lighthouse', 'native', { enhancedPrompt: 'A lighthouse on basalt cliffs' });
    const upscale = storeOld(2, 'a lighthouse', 'upscale');
    derive(upscale, 'upscale', { id: original, n: 1 });
    const plain = storeOld(3, 'a quiet harbour', 'openai', { enhancedPrompt: 42 });
    const trashed = storeOld(4, 'basalt columns', 'native');
    db.prepare('UPDATE images SET trashed_at = 5 WHERE id = ?').run(trashed);

    migrate(db, ALL_MIGRATIONS.slice(0, 12));
    expect(readUserVersion(db)).toBe(12);
    expect(ids({ text: 'basalt' })).toEqual([original]);
    expect(ids({ text: 'basalt', inTrash: true })).toEqual([trashed]);
    expect(ids({ kind: 'upscale' })).toEqual([upscale]);
    expect(ids({ kind: 'original' })).toEqual([plain, original]);
    expect(ids({ hasVersions: true })).toEqual([original]);
    expect(ids({ text: 'harbours' })).toEqual([plain]);
    expect(ids({})).toHaveLength(3);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_temp_schema WHERE name = 'reindex_0012'").get()).toEqual({ n: 0 });
  });

  it('keeps the index right for writes after it: new lineage, new enhanced prompts, curation', () => {
    const parent = storeOld(1, 'a fox', 'native');
    migrate(db);
    const child = storeOld(2, 'a fox in snow', 'edit', { enhancedPrompt: 'A red fox in deep powder snow' });
    derive(child, 'edit', { id: parent, n: 1 });
    expect(ids({ text: 'powder' })).toEqual([child]);
    expect(ids({ kind: 'edit' })).toEqual([child]);
    expect(ids({ hasVersions: true })).toEqual([parent]);
    db.prepare('UPDATE images SET favorite = 1 WHERE id = ?').run(child);
    expect(ids({ text: 'powder', favorite: true, kind: 'edit' })).toEqual([child]);
    db.prepare('DELETE FROM images WHERE id = ?').run(child);
    expect(ids({ hasVersions: true })).toEqual([]);
    expect(ids({ text: 'powder' })).toEqual([]);
  });
});

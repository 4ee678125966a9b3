import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { migration0009 } from '../../src/main/core/db/migrations/0009-lineage.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { insertLineage, readLineage } from '../../src/main/core/iterate/lineageStore.ts';
import { insertRows, syntheticRows } from './helpers/searchLibrary.ts';
import { freshDatabases } from './helpers/freshDb.ts';

const freshDb = freshDatabases('lagoon-mig9-');
let db: Database.Database;
beforeEach(() => {
  db = freshDb();
  migrate(db, ALL_MIGRATIONS.slice(0, 8));
});

const ids = (): string[] => (db.prepare('SELECT id FROM images ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
const setEndpoint = (id: string, endpoint: string) => () => db.prepare('UPDATE images SET endpoint = ? WHERE id = ?').run(endpoint, id);

describe('migration 0009: lineage', () => {
  it('is the ninth entry of the static list', () => {
    expect(ALL_MIGRATIONS[8]).toBe(migration0009);
  });

  it('upgrades a version-8 library in place: rows, search and integrity intact, the edit family admitted', () => {
    insertRows(db, syntheticRows(120));
    const before = db.prepare('SELECT * FROM images ORDER BY id').all();
    // The search index itself (today's search code needs later columns): the same documents match before and after.
    const matching = (): unknown[] => db.prepare("SELECT rowid FROM image_search WHERE image_search MATCH 'lighthouse' ORDER BY rowid").all();
    const found = matching();
    expect(found.length).toBeGreaterThan(0);
    migrate(db, ALL_MIGRATIONS.slice(0, 9));
    expect(readUserVersion(db)).toBe(9);
    expect(db.prepare('SELECT * FROM images ORDER BY id').all()).toEqual(before);
    expect(matching()).toEqual(found);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const [first] = ids();
    for (const endpoint of ['edit', 'combine', 'upscale', 'remove-background']) expect(setEndpoint(first as string, endpoint)).not.toThrow();
    expect(setEndpoint(first as string, 'bogus')).toThrow(/CHECK constraint/);
  });

  it('keeps a purged parent in the child record, and drops the record with the child', () => {
    insertRows(db, syntheticRows(3));
    migrate(db);
    const [parent, other, child] = ids() as [string, string, string];
    const sha = (id: string): string => (db.prepare('SELECT sha256 FROM images WHERE id = ?').get(id) as { sha256: string }).sha256;
    insertLineage(db, child, {
      operation: 'combine',
      parents: [
        { id: parent, sha256: sha(parent), role: 'base' },
        { id: other, sha256: sha(other), role: 'layer' },
      ],
      request: { modelId: 'qwen-edit', images: [{ imageId: parent }, { imageId: other }] },
      enhancedPrompt: null,
    });
    const parentSha = sha(parent);
    db.prepare('DELETE FROM images WHERE id = ?').run(parent);
    expect(readLineage(db, child).parents.map((p) => [p.id, p.state, p.sha256])).toEqual([
      [parent, 'deleted', parentSha],
      [other, 'present', sha(other)],
    ]);
    expect(readLineage(db, other).children).toEqual([child]);
    db.prepare('DELETE FROM images WHERE id = ?').run(child);
    expect(db.prepare('SELECT count(*) AS n FROM image_parents').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM image_derivations').get()).toEqual({ n: 0 });
  });
});

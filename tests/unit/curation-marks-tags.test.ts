import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/main/core/events/eventBus.ts';
import { createCuration, type Curation } from '../../src/main/core/library/curation/curation.ts';
import { createLibrary } from '../../src/main/core/library/library.ts';
import type { EventName } from '../../src/shared/ipc/contract.ts';
import { insertRows, readRows, type Row, syntheticRows, type TempDb, tempDb } from './helpers/searchLibrary.ts';

let lib: TempDb;
let curation: Curation;
let events: Array<[EventName, unknown]>;
let rows: Row[];

beforeEach(() => {
  lib = tempDb();
  rows = syntheticRows(20).map((r) => ({ ...r, favorite: false, rating: 0, tags: [], trashedAt: null }));
  insertRows(lib.db, rows);
  const bus = createEventBus();
  events = [];
  bus.subscribe((name, payload) => events.push([name, payload]));
  curation = createCuration({ db: lib.db, events: bus });
});
afterEach(() => lib.close());

const row = (id: string) => readRows(lib.db).find((r) => r.id === id)!;
const allIds = () => rows.map((r) => r.id);

describe('favorite and rating', () => {
  it('apply to the images that exist, count out unknown ids, and announce exactly those', () => {
    const chosen = [rows[0]!.id, rows[1]!.id];
    const unknown = randomUUID();
    expect(curation.setFavorite([...chosen, unknown, chosen[0]!, 'not-a-uuid'], true)).toEqual({ updated: 2 });
    expect(row(chosen[0]!).favorite).toBe(true);
    expect(row(chosen[1]!).favorite).toBe(true);
    expect(row(rows[2]!.id).favorite).toBe(false);
    expect(events).toEqual([['images.changed', { reason: 'updated', ids: expect.arrayContaining(chosen) }]]);
    expect((events[0]![1] as { ids: string[] }).ids).toHaveLength(2);

    expect(curation.setFavorite([chosen[0]!], false)).toEqual({ updated: 1 });
    expect(row(chosen[0]!).favorite).toBe(false);
    expect(curation.setRating(allIds(), 4)).toEqual({ updated: 20 });
    expect(readRows(lib.db).every((r) => r.rating === 4)).toBe(true);
    expect(curation.setRating([chosen[1]!], 0)).toEqual({ updated: 1 });
    expect(row(chosen[1]!).rating).toBe(0);
  });

  it('with only unknown ids change nothing and announce nothing', () => {
    expect(curation.setFavorite([randomUUID()], true)).toEqual({ updated: 0 });
    expect(curation.setRating([randomUUID()], 3)).toEqual({ updated: 0 });
    expect(events).toEqual([]);
  });

  it('are all or nothing: a failure mid-call leaves every image as it was', () => {
    lib.db.exec("CREATE TRIGGER refuse AFTER UPDATE OF rating ON images WHEN NEW.id = '" + rows[5]!.id + "' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    expect(() => curation.setRating(allIds(), 3)).toThrow(/boom/);
    expect(readRows(lib.db).every((r) => r.rating === 0)).toBe(true);
    expect(events).toEqual([]);
  });

  it('show in the image summary and detail', () => {
    const library = createLibrary({ db: lib.db, dataDir: lib.dir });
    curation.setFavorite([rows[3]!.id], true);
    curation.setRating([rows[3]!.id], 5);
    lib.db.prepare('UPDATE images SET file_missing_at = 1, trashed_at = 77 WHERE id = ?').run(rows[3]!.id);
    const detail = library.get(rows[3]!.id)!;
    expect(detail).toMatchObject({ favorite: true, rating: 5, trashedAt: 77, fileMissing: true, tags: [], collections: [] });
    expect(library.search({ inTrash: true }).items).toEqual([
      expect.objectContaining({ id: rows[3]!.id, favorite: true, rating: 5, trashedAt: 77, fileMissing: true }),
    ]);
    expect(library.list({}).items.every((i) => !i.fileMissing && i.trashedAt === null)).toBe(true);
  });
});

describe('tags', () => {
  it('are trimmed, unique ignoring case (in any script), and listed with live counts', () => {
    const [a, b, c] = rows.map((r) => r.id);
    expect(curation.addTags([a!, b!], ['  Sea ', 'ÉTÉ'])).toEqual({ updated: 2 });
    expect(curation.addTags([c!], ['sea', 'été', 'Sea'])).toEqual({ updated: 1 });
    expect(lib.db.prepare('SELECT name FROM tags ORDER BY id').all()).toEqual([{ name: 'Sea' }, { name: 'ÉTÉ' }]);
    expect(curation.listTags()).toEqual([{ name: 'ÉTÉ', count: 3 }, { name: 'Sea', count: 3 }]);
    lib.db.prepare('UPDATE images SET trashed_at = 1 WHERE id = ?').run(c!);
    expect(curation.listTags()).toEqual([{ name: 'ÉTÉ', count: 2 }, { name: 'Sea', count: 2 }]);
    expect(createLibrary({ db: lib.db, dataDir: lib.dir }).get(a!)!.tags).toEqual(['ÉTÉ', 'Sea']);
  });

  it('are the same tag whether typed composed or decomposed', () => {
    curation.addTags([rows[0]!.id], ['Cafe\u0301']);
    curation.addTags([rows[1]!.id], ['café']);
    expect(curation.listTags()).toEqual([{ name: 'Café', count: 2 }]);
  });

  it('removed from every image disappear; removing a tag an image lacks is harmless', () => {
    const [a, b] = rows.map((r) => r.id);
    curation.addTags([a!, b!], ['Night', 'Keep']);
    expect(curation.removeTags([a!], ['night'])).toEqual({ updated: 1 });
    expect(curation.listTags()).toEqual([{ name: 'Keep', count: 2 }, { name: 'Night', count: 1 }]);
    expect(curation.removeTags([a!, b!], ['NIGHT', 'never-there'])).toEqual({ updated: 2 });
    expect(curation.listTags()).toEqual([{ name: 'Keep', count: 2 }]);
    expect(lib.db.prepare("SELECT count(*) AS n FROM tags WHERE name = 'Night'").get()).toEqual({ n: 0 });
  });

  it('are not created for ids that do not exist, and announce changes once per call', () => {
    expect(curation.addTags([randomUUID()], ['Ghost'])).toEqual({ updated: 0 });
    expect(lib.db.prepare('SELECT count(*) AS n FROM tags').get()).toEqual({ n: 0 });
    curation.addTags([rows[0]!.id, rows[1]!.id], ['One', 'Two']);
    expect(events).toEqual([['images.changed', { reason: 'updated', ids: expect.arrayContaining([rows[0]!.id, rows[1]!.id]) }]]);
  });

  it('left behind by a purge are not listed', () => {
    curation.addTags([rows[0]!.id], ['Orphan']);
    lib.db.prepare('DELETE FROM images WHERE id = ?').run(rows[0]!.id);
    expect(curation.listTags()).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/main/core/events/eventBus.ts';
import { createCuration, type Curation } from '../../src/main/core/library/curation/curation.ts';
import { createLibrary } from '../../src/main/core/library/library.ts';
import { zCollection, zSavedSearch } from '../../src/shared/ipc/schemas/library.ts';
import type { EventName } from '../../src/shared/ipc/contract.ts';
import { insertRows, type Row, syntheticRows, type TempDb, tempDb } from './helpers/searchLibrary.ts';
import { codeOf } from './helpers/errorCode.ts';

let lib: TempDb;
let curation: Curation;
let events: Array<[EventName, unknown]>;
let rows: Row[];
let clock = 1_000;

beforeEach(() => {
  lib = tempDb();
  rows = syntheticRows(12).map((r) => ({ ...r, collections: [], trashedAt: null }));
  insertRows(lib.db, rows);
  lib.db.exec('DELETE FROM collections'); // the helper's fixtures: these tests make their own
  const bus = createEventBus();
  events = [];
  bus.subscribe((name, payload) => events.push([name, payload]));
  curation = createCuration({ db: lib.db, events: bus, now: () => clock++ });
});
afterEach(() => lib.close());


describe('collections', () => {
  it('are created, listed by name with live counts, and renamed', () => {
    const b = curation.createCollection('  Best of 2025 ');
    const a = curation.createCollection('Été');
    expect(zCollection.parse(b)).toEqual({ id: b.id, name: 'Best of 2025', count: 0, createdAt: 1000 });
    expect(curation.addToCollection(b.id, [rows[0]!.id, rows[1]!.id, randomUUID()])).toEqual({ updated: 2 });
    lib.db.prepare('UPDATE images SET trashed_at = 5 WHERE id = ?').run(rows[1]!.id);
    expect(curation.listCollections()).toEqual([
      { id: b.id, name: 'Best of 2025', count: 1, createdAt: 1000 },
      { id: a.id, name: 'Été', count: 0, createdAt: 1001 },
    ]);
    expect(curation.renameCollection(b.id, 'Keepers')).toEqual({ id: b.id, name: 'Keepers', count: 1, createdAt: 1000 });
    expect(curation.listCollections().map((c) => c.name)).toEqual(['Été', 'Keepers']);
  });

  it('refuse a second collection of the same name, ignoring case', () => {
    const first = curation.createCollection('Portfolio');
    expect(codeOf(() => curation.createCollection('PORTFOLIO '))).toBe('INVALID_INPUT');
    const other = curation.createCollection('Drafts');
    expect(codeOf(() => curation.renameCollection(other.id, 'portfolio'))).toBe('INVALID_INPUT');
    expect(curation.renameCollection(first.id, 'portfolio').name).toBe('portfolio'); // its own name, recased
  });

  it('hold images; adding twice is harmless; removing takes them out; the image detail lists them', () => {
    const c = curation.createCollection('Sea');
    const library = createLibrary({ db: lib.db, dataDir: lib.dir });
    curation.addToCollection(c.id, [rows[0]!.id, rows[2]!.id]);
    expect(curation.addToCollection(c.id, [rows[0]!.id])).toEqual({ updated: 1 });
    expect(library.get(rows[0]!.id)!.collections).toEqual([{ id: c.id, name: 'Sea' }]);
    expect(library.search({ collectionId: c.id }).items.map((i) => i.id).toSorted()).toEqual([rows[0]!.id, rows[2]!.id].toSorted());
    expect(curation.removeFromCollection(c.id, [rows[0]!.id, randomUUID()])).toEqual({ updated: 1 });
    expect(library.search({ collectionId: c.id }).items.map((i) => i.id)).toEqual([rows[2]!.id]);
    expect(library.get(rows[0]!.id)!.collections).toEqual([]);
  });

  it('deleted keep their images, and announce the images that left', () => {
    const c = curation.createCollection('Temp');
    curation.addToCollection(c.id, [rows[0]!.id, rows[1]!.id]);
    events.length = 0;
    curation.deleteCollection(c.id);
    expect(curation.listCollections()).toEqual([]);
    expect(lib.db.prepare('SELECT count(*) AS n FROM images').get()).toEqual({ n: 12 });
    expect(events).toEqual([['images.changed', { reason: 'updated', ids: expect.arrayContaining([rows[0]!.id, rows[1]!.id]) }]]);
  });

  it('that do not exist are NOT_FOUND for every change, and nothing is written', () => {
    const missing = randomUUID();
    expect(codeOf(() => curation.renameCollection(missing, 'x'))).toBe('NOT_FOUND');
    expect(codeOf(() => curation.deleteCollection(missing))).toBe('NOT_FOUND');
    expect(codeOf(() => curation.addToCollection(missing, [rows[0]!.id]))).toBe('NOT_FOUND');
    expect(codeOf(() => curation.removeFromCollection(missing, [rows[0]!.id]))).toBe('NOT_FOUND');
    expect(lib.db.prepare('SELECT count(*) AS n FROM collection_images').get()).toEqual({ n: 0 });
    expect(events).toEqual([]);
  });
});

describe('saved searches', () => {
  it('store the query and give it back, listed by name', () => {
    const query = { text: 'lighthouse', models: ['flux-dev'], minRating: 3, sort: 'rating' as const, createdFrom: 5 };
    const saved = curation.saveSearch(' Lighthouses ', query);
    curation.saveSearch('all favorites', { favorite: true });
    expect(zSavedSearch.parse(saved)).toEqual({ id: saved.id, name: 'Lighthouses', query, createdAt: expect.any(Number) });
    expect(curation.listSavedSearches().map((s) => [s.name, s.query])).toEqual([['all favorites', { favorite: true }], ['Lighthouses', query]]);
    const library = createLibrary({ db: lib.db, dataDir: lib.dir });
    expect(() => library.search(curation.listSavedSearches()[1]!.query)).not.toThrow();
  });

  it('that no longer fit the contract are left out, not handed over', () => {
    curation.saveSearch('good', {});
    lib.db.prepare("INSERT INTO saved_searches (id, name, query_json, created_at) VALUES (?, 'bad', '{\"sort\":\"random\"}', 1), (?, 'worse', 'nope', 1)")
      .run(randomUUID(), randomUUID());
    expect(curation.listSavedSearches().map((s) => s.name)).toEqual(['good']);
  });

  it('are deleted, and a second delete is NOT_FOUND', () => {
    const saved = curation.saveSearch('x', {});
    curation.deleteSavedSearch(saved.id);
    expect(curation.listSavedSearches()).toEqual([]);
    expect(codeOf(() => curation.deleteSavedSearch(saved.id))).toBe('NOT_FOUND');
  });
});

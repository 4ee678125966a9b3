import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/main/core/events/eventBus.ts';
import { createCuration } from '../../src/main/core/library/curation/curation.ts';
import { countImages, searchImages } from '../../src/main/core/library/search/searchImages.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import {
  COLLECTION_IDS, insertRows, MODELS, random, readRows, referenceSearch, type Row, syntheticRows, TAGS, type TempDb, tempDb, WORDS,
} from './helpers/searchLibrary.ts';

let lib: TempDb;
beforeEach(() => {
  lib = tempDb();
});
afterEach(() => lib.close());

const ids = (query: ImageQuery) => searchImages(lib.db, query, { limit: 500 }).items.map((i) => i.id);

/** Where the index answers a probe differently from the tables (empty: none), and whether FTS5 finds itself sound. */
const indexMismatches = (): unknown[] => {
  const rows = readRows(lib.db);
  const mismatches: unknown[] = [];
  const probes: ImageQuery[] = [
    {}, { inTrash: true }, { favorite: true }, { favorite: false }, { minRating: 1 }, { minRating: 5 }, { sort: 'rating' },
    ...TAGS.map((tag) => ({ tags: [tag] })), ...TAGS.map((tag) => ({ text: tag })), ...COLLECTION_IDS.map((collectionId) => ({ collectionId })),
    ...MODELS.map((model) => ({ models: [model] })), { aspect: 'portrait' }, { formats: ['jpeg'] }, { blurred: true },
    { text: 'li' }, { text: 'lighthouse' }, { text: 'cafe', inTrash: true }, { text: 'blurry' }, { text: 'cinematic' },
  ];
  for (const query of probes) {
    const expected = referenceSearch(rows, query);
    const found = { ids: ids(query), count: countImages(lib.db, query) };
    const wanted = { ids: expected.slice(0, 500).map((r) => r.id), count: expected.length };
    if (JSON.stringify(found) !== JSON.stringify(wanted)) mismatches.push({ query, found, wanted });
  }
  try {
    lib.db.prepare("INSERT INTO image_search (image_search, rank) VALUES ('integrity-check', 0)").run();
  } catch (error) {
    mismatches.push({ integrity: String(error) });
  }
  const docs = (lib.db.prepare("SELECT count(*) AS n FROM image_search WHERE image_search MATCH 'facets : (live OR trash)'").get() as { n: number }).n;
  if (docs !== rows.length) mismatches.push({ documents: docs, rows: rows.length });
  return mismatches;
};

describe('the search index follows every change to the library', () => {
  it('tags added and removed (text and filter)', () => {
    const rows = syntheticRows(60).map((r) => ({ ...r, tags: [], trashedAt: null }));
    insertRows(lib.db, rows);
    const curation = createCuration({ db: lib.db });
    const chosen = rows.slice(0, 5).map((r) => r.id);
    expect(ids({ text: 'Zanzibar' })).toEqual([]);
    curation.addTags(chosen, ['Zanzibar trip']);
    expect(ids({ text: 'zanz' }).toSorted()).toEqual(chosen.toSorted());
    expect(ids({ tags: ['zanzibar TRIP'] }).toSorted()).toEqual(chosen.toSorted());
    curation.removeTags(chosen.slice(0, 2), ['Zanzibar Trip']);
    expect(ids({ text: 'trip' }).toSorted()).toEqual(chosen.slice(2).toSorted());
    expect(ids({ text: 'zan' }).toSorted()).toEqual(chosen.slice(2).toSorted()); // short: answered by FTS5 alone
    expect(ids({ tags: ['Zanzibar trip'] }).toSorted()).toEqual(chosen.slice(2).toSorted());
    curation.removeTags(chosen, ['zanzibar trip']);
    expect(ids({ text: 'zanzibar' })).toEqual([]);
    expect(ids({ tags: ['Zanzibar trip'] })).toEqual([]);
    expect(indexMismatches()).toEqual([]);
  });

  it('rows deleted by plain SQL (as the purge does), with their tags and memberships cascading', () => {
    insertRows(lib.db, syntheticRows(80));
    const victims = readRows(lib.db).filter((r) => r.tags.length || r.collections.length).slice(0, 10).map((r) => r.id);
    expect(victims.length).toBe(10);
    const del = lib.db.prepare('DELETE FROM images WHERE id = ?');
    lib.db.transaction(() => victims.forEach((id) => del.run(id)))();
    for (const query of [{}, { inTrash: true }, { text: 'a' }]) for (const id of victims) expect(ids(query)).not.toContain(id);
    expect(indexMismatches()).toEqual([]);
  });

  it('trash and restore, favorite, rating, blurred, prompt, model and request edits', () => {
    insertRows(lib.db, syntheticRows(50).map((r) => ({ ...r, trashedAt: null })));
    const [a, b, c] = readRows(lib.db);
    lib.db.prepare('UPDATE images SET trashed_at = 5 WHERE id = ?').run(a!.id);
    expect(ids({})).not.toContain(a!.id);
    expect(ids({ inTrash: true })).toEqual([a!.id]);
    lib.db.prepare('UPDATE images SET trashed_at = NULL WHERE id = ?').run(a!.id);
    expect(ids({ inTrash: true })).toEqual([]);
    lib.db.prepare("UPDATE images SET prompt = 'quetzalcoatl feathers', model = 'brand-new-model', favorite = 1, rating = 5 WHERE id = ?").run(b!.id);
    expect(ids({ text: 'quetzal' })).toEqual([b!.id]);
    expect(ids({ models: ['brand-new-model'], favorite: true, minRating: 5 })).toEqual([b!.id]);
    lib.db.prepare(`UPDATE images SET request_json = '{"negative_prompt":"xylophone","style_preset":"Papercraft"}', blurred = 1 WHERE id = ?`).run(c!.id);
    expect(ids({ text: 'xylo paperc', blurred: true })).toEqual([c!.id]);
    expect(indexMismatches()).toEqual([]);
  });

  it('a changed created_at moves the image in the order', () => {
    insertRows(lib.db, syntheticRows(30).map((r, i) => ({ ...r, trashedAt: null, createdAt: 1000 + i })));
    const oldest = ids({ sort: 'oldest' })[0]!;
    lib.db.prepare('UPDATE images SET created_at = 99999 WHERE id = ?').run(oldest);
    expect(ids({})[0]).toBe(oldest);
    expect(ids({ createdFrom: 99999 })).toEqual([oldest]);
    expect(indexMismatches()).toEqual([]);
  });

  it('a deleted collection drops from the filter and keeps its images', () => {
    insertRows(lib.db, syntheticRows(60));
    const curation = createCuration({ db: lib.db });
    const members = ids({ collectionId: COLLECTION_IDS[0]! });
    expect(members.length).toBeGreaterThan(0);
    curation.deleteCollection(COLLECTION_IDS[0]!);
    expect(ids({ collectionId: COLLECTION_IDS[0]! })).toEqual([]);
    for (const id of members) expect(ids({})).toContain(id);
    expect(indexMismatches()).toEqual([]);
  });

  it('stays exact through 300 random changes of every kind', () => {
    insertRows(lib.db, syntheticRows(120));
    const events = createEventBus();
    const curation = createCuration({ db: lib.db, events });
    const r = random(3);
    let extra = syntheticRows(200, 11).filter((row) => row.trashedAt === null);
    const anyIds = () => {
      const all = readRows(lib.db).map((row) => row.id);
      return Array.from({ length: 1 + r.int(6) }, () => r.pick(all));
    };
    for (let step = 0; step < 300; step++) {
      switch (r.int(9)) {
        case 0: curation.setFavorite(anyIds(), r.chance(0.5)); break;
        case 1: curation.setRating(anyIds(), r.int(6)); break;
        case 2: curation.addTags(anyIds(), [r.pick(TAGS), `${r.pick(WORDS)} tag`]); break;
        case 3: curation.removeTags(anyIds(), [r.pick(TAGS)]); break;
        case 4: lib.db.prepare('UPDATE images SET trashed_at = CASE WHEN trashed_at IS NULL THEN 7 END WHERE id = ?').run(r.pick(anyIds())); break;
        case 5: curation.addToCollection(r.pick(COLLECTION_IDS), anyIds()); break;
        case 6: curation.removeFromCollection(r.pick(COLLECTION_IDS), anyIds()); break;
        case 7: lib.db.prepare('DELETE FROM images WHERE id = ?').run(r.pick(anyIds())); break;
        default: {
          const [next, ...rest] = extra;
          extra = rest;
          if (next) insertRows(lib.db, [next]);
        }
      }
    }
    expect(indexMismatches()).toEqual([]);
  });
});

describe('rows that predate nothing: odd stored values are indexed safely', () => {
  it('a request that is not valid JSON, or has non-text fields, indexes the prompt and never fails the write', () => {
    const [row] = syntheticRows(1) as [Row];
    insertRows(lib.db, [{ ...row, trashedAt: null, prompt: 'ocelot' }]);
    lib.db.prepare("UPDATE images SET request_json = 'not json' WHERE id = ?").run(row.id);
    expect(ids({ text: 'ocelot' })).toEqual([row.id]);
    lib.db.prepare(`UPDATE images SET request_json = '{"negative_prompt":42,"style_preset":["x"]}' WHERE id = ?`).run(row.id);
    expect(ids({ text: 'ocelot' })).toEqual([row.id]);
    expect(ids({ text: '42' })).toEqual([]);
  });
});

import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCuration } from '../../src/main/core/library/curation/curation.ts';
import { createLibrary } from '../../src/main/core/library/library.ts';
import { LIST_SQL } from '../../src/main/core/library/curation/collections.ts';
import { TAG_COUNTS_SQL } from '../../src/main/core/library/curation/tags.ts';
import {
  CANDIDATES_NEWEST_SQL, CANDIDATES_OLDEST_SQL, COUNT_LIVE_SQL, COUNT_MATCH_SQL, LIVE_NEWEST_SQL, LIVE_OLDEST_SQL, MATCH_NEWEST_SQL,
  MATCH_OLDEST_SQL,
} from '../../src/main/core/library/search/searchQueries.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { COLLECTION_IDS, insertRows, syntheticRows, TAGS, type TempDb, tempDb } from './helpers/searchLibrary.ts';

/**
 * Query plans, asserted: the first page of the live library never scans `images`, text is answered by FTS5, and no
 * grid or search query sorts in a temp b-tree (the keyset order is the index's, or the FTS rowid's).
 */
let lib: TempDb;
/** Every SQL text the library ran, with the arguments of its last run. */
const ran = new Map<string, unknown[]>();
let unrecorded: Database['prepare'];

const record = (db: Database) => {
  const prepare = db.prepare.bind(db);
  unrecorded = prepare;
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    const methods = statement as unknown as Record<'all' | 'get' | 'iterate' | 'run', (...args: unknown[]) => unknown>;
    for (const method of ['all', 'get', 'iterate', 'run'] as const) {
      const original = methods[method].bind(statement);
      methods[method] = (...args: unknown[]) => (ran.set(sql, args), original(...args));
    }
    return statement;
  }) as typeof db.prepare;
};

beforeAll(() => {
  lib = tempDb();
  insertRows(lib.db, syntheticRows(3000));
  lib.db.exec('ANALYZE');
  record(lib.db);
});
afterAll(() => lib.close());

const planOf = (sql: string, args: unknown[]): string => {
  try {
    return (unrecorded(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
  } catch (error) {
    throw new Error(`${String(error)} in: ${sql}`, { cause: error });
  }
};

const full = 18_446_744_073_709_551_615n >> 1n;

describe('each query shape', () => {
  it('the live grid, newest and oldest: the images_live partial index, in order', () => {
    for (const sql of [LIVE_NEWEST_SQL, LIVE_OLDEST_SQL]) {
      const plan = planOf(sql, [0n, full, 61]);
      expect(plan).toBe('SEARCH i USING INDEX images_live (doc_key>? AND doc_key<?)');
    }
  });

  it('words and filters: FTS5 drives, in rowid order, one index lookup per match', () => {
    for (const sql of [MATCH_NEWEST_SQL, MATCH_OLDEST_SQL, CANDIDATES_NEWEST_SQL, CANDIDATES_OLDEST_SQL]) {
      const plan = planOf(sql, ['facets : (live AND fav)', 0n, full, 61]);
      const [outer, inner] = plan.split('\n');
      expect(outer).toMatch(/^SCAN s VIRTUAL TABLE INDEX \d+:M\d+/);
      expect(inner).toBe('SEARCH i USING INDEX images_by_doc_key (doc_key=?)');
      expect(plan).not.toMatch(/TEMP B-TREE|SCAN i\b|SCAN images/);
    }
  });

  it('counts: the live index or the FTS doclists, never the table', () => {
    expect(planOf(COUNT_LIVE_SQL, [0n, full])).toBe('SEARCH images USING COVERING INDEX images_live (doc_key>? AND doc_key<?)');
    expect(planOf(COUNT_MATCH_SQL, ['facets : live', 0n, full])).toMatch(/^SCAN image_search VIRTUAL TABLE INDEX \d+:M\d+/);
  });

  it('tag and collection counts: read from their own rows, never from the links or the images', () => {
    expect(planOf(TAG_COUNTS_SQL, [])).toBe('SCAN t\nSEARCH image_tags EXISTS USING PRIMARY KEY (tag_id=?)');
    expect(planOf(LIST_SQL, [])).toBe('SCAN collections');
  });
});

describe('everything the library and curation actually ran', () => {
  it('has a plan with no scan of images and no temp b-tree for any image query', () => {
    const library = createLibrary({ db: lib.db, dataDir: lib.dir });
    const queries: ImageQuery[] = [
      {}, { sort: 'oldest' }, { sort: 'rating' }, { inTrash: true }, { text: 'li' }, { text: 'lighthouse', sort: 'oldest' },
      { text: 'cat', sort: 'rating', minRating: 2 }, { favorite: true, models: ['flux-dev'] }, { tags: [TAGS[0]!] },
      { collectionId: COLLECTION_IDS[0]! }, { createdFrom: 1_700_000_100_000 }, { createdTo: 1_700_000_100_000, text: 'dragon' },
      { aspect: 'square', formats: ['png'], blurred: false, favorite: false },
    ];
    for (const query of queries) {
      const first = library.search(query, { limit: 20 });
      if (first.nextCursor) library.search(query, { limit: 20, cursor: first.nextCursor });
      library.count(query);
    }
    const detail = library.get(library.list({}).items[0]!.id);
    expect(detail).not.toBeNull();
    const curation = createCuration({ db: lib.db });
    const some = library.list({ limit: 5 }).items.map((i) => i.id);
    curation.setFavorite(some, true);
    curation.setRating(some, 4);
    curation.addTags(some, ['plan check']);
    curation.removeTags(some, ['plan check']);
    curation.addToCollection(COLLECTION_IDS[1]!, some);
    curation.removeFromCollection(COLLECTION_IDS[1]!, some);
    curation.listTags();
    curation.listCollections();

    const touchingImages = [...ran].filter(([sql]) => /\bimages\b/.test(sql) && !/^\s*(INSERT|UPDATE|DELETE)/i.test(sql));
    expect(touchingImages.length).toBeGreaterThanOrEqual(8);
    for (const [sql, args] of touchingImages) {
      const plan = planOf(sql, args);
      expect(plan, sql).not.toMatch(/\bSCAN (images|i)\b(?! VIRTUAL)/);
      expect(plan, sql).not.toMatch(/TEMP B-TREE FOR (ORDER BY|DISTINCT)/);
      // Grouping is allowed only over the trash, which the partial index hands over in full and which stays small.
      expect(!/TEMP B-TREE FOR GROUP BY/.test(plan) || plan.startsWith('SEARCH i USING INDEX images_trashed'), sql).toBe(true);
    }
    for (const [sql, args] of [...ran].filter(([s]) => /^\s*(UPDATE|DELETE)/i.test(s))) {
      expect(planOf(sql, args), sql).not.toMatch(/\bSCAN (images|image_tags|collection_images)\b/);
    }
  });
});

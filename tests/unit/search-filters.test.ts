import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countImages, searchImages } from '../../src/main/core/library/search/searchImages.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { COLLECTION_IDS, insertRows, MODELS, random, referenceSearch, type Row, STYLES, syntheticRows, TAGS, type TempDb, tempDb, WORDS } from './helpers/searchLibrary.ts';

let lib: TempDb;
let rows: Row[];

beforeAll(() => {
  lib = tempDb();
  rows = syntheticRows(700);
  insertRows(lib.db, rows);
});
afterAll(() => lib.close());

/** Every page of a query, following nextCursor; fails on a repeated id. */
const allPages = (query: ImageQuery, limit: number): string[] => {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = searchImages(lib.db, query, { cursor, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    if (!cursor) break;
    expect(page.items).toHaveLength(limit);
  }
  expect(new Set(ids).size, 'no image may appear twice across pages').toBe(ids.length);
  return ids;
};

/** What the library answers (every page walk and the count) next to what the reference says it must. */
const compare = (query: ImageQuery, limits = [7, 60]) => {
  const expected = referenceSearch(rows, query).map((r) => r.id);
  return {
    actual: { pages: limits.map((limit) => allPages(query, limit)), count: countImages(lib.db, query) },
    expected: { pages: limits.map(() => expected), count: expected.length },
  };
};

const SORTS = ['newest', 'oldest', 'rating'] as const;

describe('search: every filter, alone and combined, in every sort, page by page', () => {
  const filters: Array<[string, ImageQuery]> = [
    ['nothing (the live library)', {}],
    ['the trash', { inTrash: true }],
    ['one model', { models: [MODELS[0]!] }],
    ['two models', { models: [MODELS[1]!, MODELS[2]!] }],
    ['an unknown model', { models: ['no-such-model'] }],
    ['from a date', { createdFrom: 1_700_000_100_000 }],
    ['up to a date (inclusive)', { createdTo: 1_700_000_050_000 }],
    ['a date range', { createdFrom: 1_700_000_020_000, createdTo: 1_700_000_090_000 }],
    ['an empty date range', { createdFrom: 1_700_000_090_000, createdTo: 1_700_000_020_000 }],
    ['square', { aspect: 'square' }],
    ['landscape', { aspect: 'landscape' }],
    ['portrait', { aspect: 'portrait' }],
    ['formats', { formats: ['png', 'webp'] }],
    ['favorites', { favorite: true }],
    ['not favorites', { favorite: false }],
    ['rated 4+', { minRating: 4 }],
    ['rated 1+', { minRating: 1 }],
    ['one tag', { tags: [TAGS[0]!] }],
    ['one tag, other case', { tags: [TAGS[0]!.toUpperCase()] }],
    ['two tags (all of them)', { tags: [TAGS[0]!, TAGS[1]!] }],
    ['a tag with a diacritic', { tags: ['Été'] }],
    ['an unknown tag', { tags: ['never-used'] }],
    ['a collection', { collectionId: COLLECTION_IDS[0]! }],
    ['blurred', { blurred: true }],
    ['not blurred', { blurred: false }],
    ['favorites in the trash', { inTrash: true, favorite: true }],
    ['everything at once', { models: MODELS.slice(0, 3), formats: ['png', 'jpeg'], minRating: 1, favorite: false, blurred: false, aspect: 'square', createdFrom: 1_700_000_010_000 }],
    ['words and filters', { text: 'li', models: [MODELS[0]!, MODELS[1]!], minRating: 2 }],
    ['a long word and a tag', { text: 'lighthouse', tags: [TAGS[1]!] }],
    ['words in a collection', { text: 'cat drag', collectionId: COLLECTION_IDS[1]! }],
  ];
  for (const [name, query] of filters) {
    for (const sort of SORTS) {
      it(`${name}, ${sort}`, () => {
        const { actual, expected } = compare({ ...query, sort });
        expect(actual).toEqual(expected);
      });
    }
  }

  it('returns nothing for filters nothing matches, and the filters really narrow', () => {
    expect(referenceSearch(rows, {}).length).toBeGreaterThan(500);
    expect(compare({ models: ['no-such-model'] }).actual.count).toBe(0);
    const all = referenceSearch(rows, {}).length;
    for (const query of [{ favorite: true }, { minRating: 4 }, { aspect: 'portrait' as const }, { tags: [TAGS[0]!] }, { blurred: true }]) {
      const n = countImages(lib.db, query);
      expect(n, JSON.stringify(query)).toBeGreaterThan(0);
      expect(n, JSON.stringify(query)).toBeLessThan(all);
    }
  });
});

describe('search: words', () => {
  const texts = [
    'l', 'li', 'lig', 'ligh', 'light', 'lighthouse', 'lighthouses', 'LIGHT', 'cat', 'cath', 'catalogue', 'port portrait',
    'cafe', 'CAFÉ', 'creme', 'naive', 'angstrom', 'strasse', 'straße', '日本', '日本語', 'x²', 'ǆemal',
    'golden hour', 'hour golden', 'dra', 'dragon', 'dramatic sea',
    // Negative prompt, style, model, tags are searched too.
    'blurry', 'cinematic', 'neon punk', 'flux', 'venice sd35', 'portfolio', 'favourite pick', 'ete',
    // Words that FTS5 would read as syntax are only ever words.
    'AND', 'OR', 'NOT', 'NEAR', 'and (', 'NEAR(', '"', '""', '*', 'cat*', '"cat', 'prompt:cat', '{prompt}: cat', '^cat', '-cat',
    'cat AND', '(', ')', ':', "'", 'facets: live', 'live', 'fav', 'trash', 'r5', 'fpng', 'asquare',
    // OR, words left out, other forms of a word.
    'cat OR dragon', 'cat OR dra OR sea', 'lighthouse OR', 'OR fox', 'fox -cat', '-cat -fog', 'cat -cathedral', '-golden-hour',
    'castles', 'seals', 'dragons dawns', 'forests OR cats', 'lighthouse -lighthouses', 'sea OR fox -dawn', '-OR', '-"cat"',
  ];
  for (const text of texts) {
    for (const sort of SORTS) {
      it(`${JSON.stringify(text)}, ${sort}`, () => {
        const { actual, expected } = compare({ text, sort }, [9]);
        expect(actual).toEqual(expected);
      });
    }
  }

  it('finds by prefix as the user types, each keystroke a superset of the next', () => {
    const counts = ['l', 'li', 'lig', 'ligh', 'light', 'lighth', 'lighthouse'].map((text) => countImages(lib.db, { text }));
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    expect(counts.at(-1)).toBeGreaterThan(0);
    expect(counts[0]).toBeGreaterThan(counts.at(-1)!);
  });

  it('treats punctuation being typed (no word in it) as no text at all, without throwing', () => {
    const all = referenceSearch(rows, {}).map((r) => r.id);
    for (const text of ['"', '*', '( )', '   ', '', '-', '""*', 'OR', ' OR OR ']) {
      expect(searchImages(lib.db, { text }, { limit: 500 }).items.map((i) => i.id), text).toEqual(all.slice(0, 500));
    }
  });

  it('matches nothing for symbols alone: only words are indexed, and "everything" is not a match', () => {
    expect(rows.some((r) => r.prompt.includes('🌅'))).toBe(true);
    for (const text of ['🌅', '🐉', '✨ 🐉', '-🐉', '→', '€']) {
      expect(searchImages(lib.db, { text }).items, text).toEqual([]);
      expect(countImages(lib.db, { text }), text).toBe(0);
    }
    // Beside a word, a symbol is only a separator.
    expect(countImages(lib.db, { text: 'dragon 🌅' })).toBe(referenceSearch(rows, { text: 'dragon' }).length);
  });

  it('matches words only as word starts, and not the filter tokens of the index', () => {
    expect(countImages(lib.db, { text: 'ighthouse' })).toBe(0);
    expect(countImages(lib.db, { text: 'live' })).toBe(0);
    expect(countImages(lib.db, { text: 'fav' })).toBe(referenceSearch(rows, { text: 'fav' }).length); // "favourite pick" tag
  });
});

describe('search: random combinations against the reference', () => {
  it('agrees on 150 random queries, every sort, small pages', () => {
    const r = random(99);
    for (let n = 0; n < 150; n++) {
      const query: ImageQuery = {};
      if (r.chance(0.5)) query.text = Array.from({ length: 1 + r.int(2) }, () => r.pick(WORDS).slice(0, 1 + r.int(8))).join(' ');
      // A plural, then a second word either as an alternative or left out.
      if (r.chance(0.15)) query.text = `${r.pick(WORDS)}s ${r.chance(0.5) ? 'OR ' : '-'}${r.pick(WORDS).slice(0, 2 + r.int(8))}`;
      if (r.chance(0.2)) query.models = [r.pick(MODELS)];
      if (r.chance(0.2)) query.createdFrom = 1_700_000_000_000 + r.int(200) * 1000;
      if (r.chance(0.2)) query.createdTo = 1_700_000_000_000 + r.int(240) * 1000;
      if (r.chance(0.2)) query.aspect = r.pick(['square', 'landscape', 'portrait'] as const);
      if (r.chance(0.2)) query.formats = [r.pick(['png', 'jpeg', 'webp'] as const)];
      if (r.chance(0.2)) query.favorite = r.chance(0.7);
      if (r.chance(0.2)) query.minRating = 1 + r.int(5);
      if (r.chance(0.15)) query.tags = [r.pick(TAGS)];
      if (r.chance(0.1)) query.collectionId = r.pick(COLLECTION_IDS);
      if (r.chance(0.1)) query.blurred = r.chance(0.5);
      if (r.chance(0.1)) query.inTrash = true;
      if (r.chance(0.1)) query.text = r.pick(STYLES);
      query.sort = r.pick(SORTS);
      const { actual, expected } = compare(query, [1 + r.int(40)]);
      expect(actual, JSON.stringify(query)).toEqual(expected);
    }
  });
});

import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibrary, type IngestInput } from '../../src/main/core/library/library.ts';
import { countImages, searchImages } from '../../src/main/core/library/search/searchImages.ts';
import { highlightRanges, positiveTerms, searchWords, tokenSpans } from '../../src/main/core/library/search/searchText.ts';
import { MAX_SEARCH_WORDS } from '../../src/shared/searchSyntax.ts';

const queryTerms = (text: string | undefined) => positiveTerms(searchWords(text));
import { insertRows, type Row, syntheticRows, type TempDb, tempDb } from './helpers/searchLibrary.ts';

let lib: TempDb;
beforeEach(() => {
  lib = tempDb();
});
afterEach(() => lib.close());

describe('the JS word splitter agrees with FTS5 unicode61 remove_diacritics 2', () => {
  const samples = [
    'A lagoon at dawn, golden-hour light; 8k UHD',
    'école Ångström crème brûlée naïve façade Œuvre',
    'e\u0301cole decomposed',
    'naïve_café-au-lait don\'t stop',
    '日本語のテキスト and 한국어 텍스트',
    '😀smile🎉party a\u200db',
    'x²y³ ½ Ⅻ 𝟙𝟚 ꙃ𝒜',
    'straße ĳssel Đorđe øre ŀl',
    'İstanbul ǅemal',
    'Москва Санкт-Петербург',
    '\uE000private\uE001 use',
    '   ,,,   ',
  ];
  it.each(samples)('%s', (text) => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5 (a, tokenize = 'unicode61 remove_diacritics 2'); CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance')");
    db.prepare('INSERT INTO t (a) VALUES (?)').run(text);
    const fts = (db.prepare('SELECT term FROM v ORDER BY offset').all() as Array<{ term: string }>).map((r) => r.term);
    db.close();
    expect(tokenSpans(text).map((s) => s.folded)).toEqual(fts);
    for (const span of tokenSpans(text)) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('hands words to FTS5 as typed where the folds differ (FTS5 keeps ё and Greek accents), so they are still found', () => {
    const rows = syntheticRows(2).map((row, i): Row => ({ ...row, trashedAt: null, prompt: i === 0 ? 'ёлка зимой' : 'ΣΊΣΥΦΟΣ μύθος' }));
    insertRows(lib.db, rows);
    expect(searchImages(lib.db, { text: 'ёлка' }).items.map((i) => i.id)).toEqual([rows[0]!.id]);
    expect(searchImages(lib.db, { text: 'Ёлк' }).items.map((i) => i.id)).toEqual([rows[0]!.id]);
    expect(searchImages(lib.db, { text: 'σίσυφος' }).items.map((i) => i.id)).toEqual([rows[1]!.id]);
    expect(searchImages(lib.db, { text: 'μύθ' }).items.map((i) => i.id)).toEqual([rows[1]!.id]);
  });
});

describe('query terms', () => {
  it('are the words as typed and folded, capped', () => {
    const plain = (text: string) => queryTerms(text).map(({ text: typed, folded }) => ({ text: typed, folded }));
    expect(plain('Café crème')).toEqual([{ text: 'Café', folded: 'cafe' }, { text: 'crème', folded: 'creme' }]);
    expect(plain('" AND ( * ) NEAR:')).toEqual([{ text: 'AND', folded: 'and' }, { text: 'NEAR', folded: 'near' }]);
    expect(queryTerms(undefined)).toEqual([]);
    const many = Array.from({ length: 250 }, (_, i) => `w${i}`).join(' ');
    expect(queryTerms(many)).toHaveLength(MAX_SEARCH_WORDS);
  });

  it('never break the FTS query, whatever is typed', () => {
    insertRows(lib.db, syntheticRows(30));
    const hostile = ['"', "'", '*', 'AND (', ')', 'NEAR(a b', 'a:b', '{prompt}:x', '^x', '-x', 'x OR', '""""', '\u0000', 'a\\b', '%_', '🌅*'];
    for (const text of hostile) {
      expect(() => searchImages(lib.db, { text }), text).not.toThrow();
      expect(() => countImages(lib.db, { text }), text).not.toThrow();
    }
    expect(() => searchImages(lib.db, { text: Array.from({ length: 250 }, (_, i) => `w${i}`).join(' ') })).not.toThrow();
  });
});

describe('highlights', () => {
  it('mark whole words that start with a query word, in UTF-16 code units', () => {
    const prompt = '🌅 Light over the lighthouse, delight; LIGHTS';
    const ranges = highlightRanges(prompt, queryTerms('light'));
    expect(ranges.map(([s, e]) => prompt.slice(s, e))).toEqual(['Light', 'lighthouse', 'LIGHTS']);
    expect(ranges[0]).toEqual([3, 8]); // the emoji is two code units, then a space
  });

  it('ignore diacritics and case, and cover every query word', () => {
    const prompt = 'Crème brûlée at the CAFÉ, naïvely';
    const ranges = highlightRanges(prompt, queryTerms('cafe creme naive'));
    expect(ranges.map(([s, e]) => prompt.slice(s, e))).toEqual(['Crème', 'CAFÉ', 'naïvely']);
  });

  it('an ASCII prompt (the fast path) gets exactly the ranges the word splitter gives', () => {
    // A trailing non-ASCII word sends the same prompt down the splitter path; the ranges before it must agree.
    const words = ['light', 'Lighthouse', 'lit', 'a', 'A1', '1a', 'x_light', 'light-house', 'de', 'delight', 'LIGHTS', '42', 'tea'];
    const seps = [' ', ', ', '-', '_', '.', '  ', "'", '(', ')\n'];
    let seed = 7;
    const pick = <T,>(from: readonly T[]): T => from[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % from.length]!;
    for (let n = 0; n < 300; n++) {
      const prompt = Array.from({ length: 1 + (n % 12) }, () => pick(words) + pick(seps)).join('');
      const terms = queryTerms(`${pick(words)} ${pick(words)} ${pick(['', 'é', 'li', 'a1'])}`);
      const bySplitter = highlightRanges(`${prompt} é`, terms).filter(([, end]) => end <= prompt.length);
      expect(highlightRanges(prompt, terms), JSON.stringify([prompt, terms])).toEqual(bySplitter);
    }
  });

  it('come with search results, only for prompts that contain a match', () => {
    const rows = syntheticRows(2).map((row, i): Row => ({
      ...row, createdAt: 10 + i, trashedAt: null, prompt: i === 0 ? 'a lighthouse at dusk' : 'a fox', tags: i === 1 ? ['Lighthouse'] : [],
    }));
    insertRows(lib.db, rows);
    const page = searchImages(lib.db, { text: 'LIGHT' });
    expect(page.items.map((i) => i.id).toSorted()).toEqual(rows.map((r) => r.id).toSorted()); // the second one by its tag
    expect(page.highlights).toEqual({ [rows[0]!.id]: [[2, 12]] });
    expect(searchImages(lib.db, {}).highlights).toEqual({});
  });
});

const rareAmongCommon = (count: number, rareEvery: number) =>
  syntheticRows(count).map((row, i): Row => ({
    ...row,
    createdAt: 1000 + i,
    trashedAt: null,
    prompt: i % rareEvery === 0 ? `a lighthouse number ${i}` : `lighting and light number ${i}`,
    negative: null, style: null, tags: [],
  }));

describe('long words (checked candidates, then the exact query when the word is rare)', () => {
  it('finds every match of a word that is rare among its prefix\'s matches, in order, page after page', () => {
    const rows = rareAmongCommon(400, 37);
    insertRows(lib.db, rows);
    const expected = rows.filter((r) => r.prompt.includes('lighthouse')).toReversed().map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = searchImages(lib.db, { text: 'lighthouse' }, { cursor, limit: 2 });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(expected.length).toBe(11);
    expect(countImages(lib.db, { text: 'lighthouse' })).toBe(11);
  });

  it('finds a common long word and a rare one together', () => {
    const rows = rareAmongCommon(120, 10);
    insertRows(lib.db, rows);
    const page = searchImages(lib.db, { text: 'lighthouse number', sort: 'oldest' }, { limit: 100 });
    expect(page.items.map((i) => i.id)).toEqual(rows.filter((r) => r.prompt.includes('lighthouse')).map((r) => r.id));
  });
});

const ingestInput = async (prompt: string, request: Record<string, unknown>, width = 64, height = 64): Promise<IngestInput> => ({
  bytes: await sharp({ create: { width, height, channels: 3, background: { r: 10, g: 90, b: 160 } } }).png().toBuffer(),
  format: 'png',
  prompt,
  model: 'venice-sd35',
  endpoint: 'native',
  request: { prompt, model: 'venice-sd35', ...request },
  response: {},
});

describe('images stored by ingest are searchable at once', () => {
  it('by prompt, negative prompt, style and model, with real files', async () => {
    let t = 5000;
    const library = createLibrary({ db: lib.db, dataDir: lib.dir, now: () => t++ });
    const a = await library.ingest(await ingestInput('Un café crème à l’aube', { negative_prompt: 'blurry watermark', style_preset: 'Analog Film' }));
    const b = await library.ingest(await ingestInput('a red fox in the snow', {}, 96, 64));
    const ids = (text: string) => library.search({ text }).items.map((i) => i.id);
    expect(ids('cafe')).toEqual([a.id]);
    expect(ids('aube')).toEqual([a.id]);
    expect(ids('watermark')).toEqual([a.id]);
    expect(ids('analog fil')).toEqual([a.id]);
    expect(ids('venice')).toEqual([b.id, a.id]);
    expect(ids('fox sno')).toEqual([b.id]);
    expect(library.search({ aspect: 'landscape' }).items.map((i) => i.id)).toEqual([b.id]);
    expect(library.search({ text: 'creme cAf' }).highlights).toEqual({ [a.id]: [[3, 7], [8, 13]] });
    expect(library.count({ text: 'a' })).toBe(2);
    expect(library.list({}).items.map((i) => i.id)).toEqual([b.id, a.id]);
  });
});

import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsTokens } from '../../src/main/core/library/search/ftsTokens.ts';
import { countImages, searchImages } from '../../src/main/core/library/search/searchImages.ts';
import { wordForms } from '../../src/main/core/library/search/wordForms.ts';
import { MAX_SEARCH_WORDS, parseSearch } from '../../src/shared/searchSyntax.ts';
import { insertRows, referenceSearch, syntheticRows, type TempDb, tempDb, WORDS } from './helpers/searchLibrary.ts';

describe('the search syntax', () => {
  it('reads words, OR between groups, words left out, and symbols alone', () => {
    expect(parseSearch('cabin puppy')).toEqual({ clauses: [[['cabin']], [['puppy']]], excluded: [], symbolsOnly: false });
    expect(parseSearch('cabin OR puppy snow')).toEqual({ clauses: [[['cabin'], ['puppy']], [['snow']]], excluded: [], symbolsOnly: false });
    expect(parseSearch('golden-hour OR dusk -fog -old-town')).toEqual({
      clauses: [[['golden', 'hour'], ['dusk']]],
      excluded: [['fog'], ['old', 'town']],
      symbolsOnly: false,
    });
    // OR only between two groups and only in capitals; a dangling one (mid-typing) is ignored.
    expect(parseSearch('cabin OR').clauses).toEqual([[['cabin']]]);
    expect(parseSearch('OR cabin').clauses).toEqual([[['cabin']]]);
    expect(parseSearch('cabin or puppy').clauses).toEqual([[['cabin']], [['or']], [['puppy']]]);
    expect(parseSearch('cabin OR -fog OR puppy')).toMatchObject({ clauses: [[['cabin'], ['puppy']]], excluded: [['fog']] });
    // Composed first, then split at the marks left: FTS5 must never get two tokens as one word.
    expect(parseSearch('e\u0301cole α\u0313一 x\u0301y').clauses).toEqual([[['école']], [['ἀ一']], [['x', 'y']]]);
    // Symbols: alone they are a search that nothing can match; punctuation alone is syntax being typed.
    for (const text of ['🐉', ' ✨🐉 ', '-🐉', '→ €', '🐉 OR ✨']) expect(parseSearch(text).symbolsOnly, text).toBe(true);
    for (const text of ['', '  ', '"', '-', '( )', 'OR', '*:^']) expect(parseSearch(text), text).toEqual({ clauses: [], excluded: [], symbolsOnly: false });
    expect(parseSearch('dragon 🐉')).toEqual({ clauses: [[['dragon']]], excluded: [], symbolsOnly: false });
  });

  it('never keeps more than MAX_SEARCH_WORDS words, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const { clauses, excluded } = parseSearch(text);
        expect(clauses.flat(2).length + excluded.flat().length).toBeLessThanOrEqual(MAX_SEARCH_WORDS);
        for (const group of [...clauses.flat(), ...excluded]) expect(group.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('other forms of a word', () => {
  it('join plurals and inflections in English and German, and nothing else', () => {
    expect(wordForms('lighthouses')).toContain('lighthouse');
    expect(wordForms('lighthouse')).toContain('lighthouses');
    expect(wordForms('puppy')).toContain('puppies');
    expect(wordForms('puppies')).toContain('puppy');
    expect(wordForms('cities')).toContain('city');
    expect(wordForms('running')).toEqual(expect.arrayContaining(['run', 'runs']));
    expect(wordForms('leuchtturme')).toContain('leuchtturm'); // "Leuchttürme" as the index folds it
    expect(wordForms('hauser')).toContain('haus'); // "Häuser"
    expect(wordForms('walder')).toContain('wald'); // "Wälder"
    expect(wordForms('strasse')).toContain('strass');
    // A German stem shorter than four letters is not used: English words would lose their endings.
    expect(wordForms('forest')).not.toContain('for');
    expect(wordForms('water')).not.toContain('wat');
    expect(wordForms('cat')).not.toContain('cathedral');
    expect(wordForms('cat')).toContain('cats');
    expect(wordForms('日本語')).toEqual([]);
    expect(wordForms('x2')).toEqual([]);
  });

  it('are never the word itself and share its first three letters (the prefix search streams by)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,14}$/u), (word) => {
        for (const form of wordForms(word)) {
          expect(form).not.toBe(word);
          expect(form.slice(0, 3)).toBe(word.slice(0, 3));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('any typed text, against the reference search', () => {
  let lib: TempDb;
  const rows = syntheticRows(240, 31);
  beforeAll(() => {
    lib = tempDb();
    insertRows(lib.db, rows);
  });
  afterAll(() => lib.close());

  const piece = fc.oneof(
    fc.constantFrom(...WORDS),
    fc.constantFrom(...WORDS).map((w) => `${w}s`),
    fc.constantFrom(...WORDS).map((w) => `-${w}`),
    fc.constantFrom(...WORDS).map((w) => w.slice(0, 3)),
    fc.constantFrom('OR', '-', '"', '🐉', '🌅', '*', '(', 'NEAR', ':'),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
  );

  it('finds exactly what the reference finds, in order, and counts it', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), fc.constantFrom(' ', '  ', ','), (pieces, sep) => {
        const text = pieces.join(sep);
        const expected = referenceSearch(rows, { text }, (word) => ftsTokens(lib.db, word)).map((r) => r.id);
        expect(searchImages(lib.db, { text }, { limit: 500 }).items.map((i) => i.id), text).toEqual(expected);
        expect(countImages(lib.db, { text }), text).toBe(expected.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never hands FTS5 two tokens as one word (SQLite splits some words the JS splitter keeps whole)', () => {
    for (const text of ['α\u0313一', '一ᦰぁ', 'ᦰ', 'नमस्ते', 'كَتَبَ']) {
      expect(() => searchImages(lib.db, { text }), text).not.toThrow();
      expect(() => countImages(lib.db, { text: `-${text}` }), text).not.toThrow();
    }
  });
});

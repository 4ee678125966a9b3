import { parseSearch, WORD_RE, type WordGroup } from '../../../../shared/searchSyntax.ts';
import { wordForms } from './wordForms.ts';

/**
 * The user's words, split the way FTS5's unicode61 tokenizer splits: letters, numbers and private-use characters
 * form words (combining marks stay with their letter), everything else separates (shared/searchSyntax.ts WORD_RE).
 *
 * Each word travels in two forms. FTS5 gets it as typed and folds it itself, exactly as it folded the index. JS
 * folds it (NFD, marks dropped, lower case) only to check candidates and to find the words to highlight; that fold
 * matches `remove_diacritics 2` for Latin scripts and differs in rare corners (e.g. Greek accents, which FTS5
 * keeps), where it can only make a highlight or a long-word check more lenient, never hide an indexed match.
 */
const MARKS_RE = /\p{M}/gu;

/** The longest prefix FTS5 keeps its own doclist for (migration 0006: prefix = '1 2 3'), in characters. */
const INDEXED_PREFIX_CHARS = 3;

// NFC again at the end: NFD also splits Hangul syllables into jamo, which FTS5 keeps whole.
// ASCII has no marks and normalization leaves it alone: most prompts skip the two normalize passes (a hot path of search).
const NON_ASCII_RE = /[^\p{ASCII}]/u;
const foldText = (text: string): string =>
  NON_ASCII_RE.test(text) ? text.normalize('NFD').replace(MARKS_RE, '').normalize('NFC').toLowerCase() : text.toLowerCase();

export interface TokenSpan {
  start: number;
  end: number;
  text: string;
  folded: string;
}

/** Every word of `text` with its code-unit range [start, end). */
export const tokenSpans = (text: string): TokenSpan[] => {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(WORD_RE)) {
    const folded = foldText(match[0]);
    if (folded) spans.push({ start: match.index, end: match.index + match[0].length, text: match[0], folded });
  }
  return spans;
};

export interface QueryTerm {
  /** As typed: what FTS5 is given. */
  text: string;
  /** Folded in JS: what candidates and highlights are compared with. */
  folded: string;
  /** Other forms of the word (folded, whole words) that match too: "lighthouse" for "lighthouses" (wordForms.ts). */
  forms: readonly string[];
}

/** The search box as terms: see shared/searchSyntax.ts for what each part means. */
export interface SearchWords {
  clauses: ReadonlyArray<ReadonlyArray<readonly QueryTerm[]>>;
  excluded: ReadonlyArray<readonly QueryTerm[]>;
  symbolsOnly: boolean;
}

/**
 * A word searched for matches any word starting with it, so its forms that start with it are already covered; one
 * left out matches whole words only, so it keeps them all.
 */
const termOf = (word: string, excluded: boolean): QueryTerm => {
  const folded = foldText(word);
  const forms = wordForms(folded);
  return { text: word, folded, forms: excluded ? forms : forms.filter((form) => !form.startsWith(folded)) };
};

/** Splits a word the way the index did (ftsTokens.ts); without a library at hand, a word is one token. */
export type Tokenize = (word: string) => string[];
const asTyped: Tokenize = (word) => [word];

// A word of combining marks alone folds to nothing: it is no word to FTS5 either.
const groupOf = (words: WordGroup, excluded: boolean, tokenize: Tokenize): QueryTerm[] =>
  words.flatMap(tokenize).map((word) => termOf(word, excluded)).filter((t) => t.folded !== '');
const nonEmpty = <T,>(items: T[][]): T[][] => items.filter((item) => item.length > 0);

export const searchWords = (text: string | undefined, tokenize: Tokenize = asTyped): SearchWords => {
  const syntax = parseSearch(text);
  const clauses = nonEmpty(syntax.clauses.map((clause) => nonEmpty(clause.map((group) => groupOf(group, false, tokenize)))));
  const excluded = nonEmpty(syntax.excluded.map((group) => groupOf(group, true, tokenize)));
  // Words the index would not hold as words at all leave nothing to look for: like symbols alone, nothing matches.
  const lostEverything = clauses.length === 0 && excluded.length === 0 && (syntax.clauses.length > 0 || syntax.excluded.length > 0);
  return { clauses, excluded, symbolsOnly: syntax.symbolsOnly || lostEverything };
};

/** No text: the live library (or the trash), filtered. */
export const NO_WORDS: SearchWords = { clauses: [], excluded: [], symbolsOnly: false };

/** Every word searched for (not the left-out ones): what highlights mark. */
export const positiveTerms = (words: SearchWords): QueryTerm[] => words.clauses.flat(2);

export const hasWords = (words: SearchWords): boolean => words.clauses.length > 0 || words.excluded.length > 0;

/**
 * Each word becomes a quoted prefix phrase, so nothing the user types is read as FTS5 syntax (AND, NEAR, quotes,
 * parentheses, `*`, `:`, `^`, column names): the quoted text is only ever tokenized.
 */
export const prefixPhrase = (word: string): string => `"${word.replaceAll('"', '""')}"*`;
/** A whole word, quoted the same way. */
export const wordPhrase = (word: string): string => `"${word.replaceAll('"', '""')}"`;

/**
 * FTS5 answers a prefix longer than its prefix indexes by first merging the doclists of every matching term, the
 * whole library's worth: 120 ms for "light" at 1M images. Such words are searched by their indexed prefix instead,
 * which streams, and each candidate is then checked for the whole word (collectMatches.ts).
 */
export const needsCheck = (term: QueryTerm): boolean => [...term.text].length > INDEXED_PREFIX_CHARS;
/** The term's indexed prefix; its forms share the word's first three letters (wordForms.ts), so it covers them. */
export const streamablePrefix = (term: QueryTerm): QueryTerm =>
  needsCheck(term) ? { ...term, text: [...term.text].slice(0, INDEXED_PREFIX_CHARS).join(''), forms: [] } : term;

/** A word character as FTS5's unicode61 tokenizer sees one (letters, numbers, private use; marks stay inside words). */
const WORD_CHAR_RE = /[\p{L}\p{N}\p{Co}\p{M}]/u;

const startsWord = (haystack: string, i: number): boolean => i === 0 || !WORD_CHAR_RE.test(haystack[i - 1]!);
const endsWord = (haystack: string, end: number): boolean => end === haystack.length || !WORD_CHAR_RE.test(haystack[end]!);

/** Whether `folded` occurs in `haystack` (folded) as the start of a word, or as a whole word. */
const occursAsWord = (haystack: string, folded: string, whole: boolean): boolean => {
  for (let i = haystack.indexOf(folded); i !== -1; i = haystack.indexOf(folded, i + 1)) {
    if (startsWord(haystack, i) && (!whole || endsWord(haystack, i + folded.length))) return true;
  }
  return false;
};

/** Whether `text` has a word the term matches: one starting with the term, or one of its forms. */
export const hasTermWord = (text: string, term: QueryTerm): boolean => {
  const haystack = foldText(text);
  return occursAsWord(haystack, term.folded, false) || term.forms.some((form) => occursAsWord(haystack, form, true));
};

/** Whether a word (folded) is matched by the term. */
const wordMatches = (word: string, term: QueryTerm): boolean => word.startsWith(term.folded) || term.forms.includes(word);

/** [start, end) ranges of the prompt's words that begin with one of the terms (search is by prefix). */
export const highlightRanges = (prompt: string, terms: readonly QueryTerm[]): Array<[number, number]> => {
  if (terms.length === 0) return [];
  return NON_ASCII_RE.test(prompt) ? highlightBySpans(prompt, terms) : highlightAscii(prompt, terms);
};

const highlightBySpans = (prompt: string, terms: readonly QueryTerm[]): Array<[number, number]> => {
  const ranges: Array<[number, number]> = [];
  for (const span of tokenSpans(prompt)) {
    if (terms.some((term) => wordMatches(span.folded, term))) ranges.push([span.start, span.end]);
  }
  return ranges;
};

const isAsciiWordChar = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);

/**
 * The same ranges for an ASCII prompt (most of them) without splitting it into words: lower-casing keeps every
 * index, so each term is found by indexOf, kept where a word starts, and widened to that word's end. Every page of
 * results highlights its prompts, so this is on the typing path (a third of search's JS time when done by spans).
 */
const highlightAscii = (prompt: string, terms: readonly QueryTerm[]): Array<[number, number]> => {
  const lower = prompt.toLowerCase();
  const wordEnd = (start: number): number => {
    let end = start;
    while (end < lower.length && isAsciiWordChar(lower.charCodeAt(end))) end++;
    return end;
  };
  const starts = new Set<number>();
  const find = (needle: string, whole: boolean) => {
    for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) {
      if ((i === 0 || !isAsciiWordChar(lower.charCodeAt(i - 1))) && (!whole || wordEnd(i) === i + needle.length)) starts.add(i);
    }
  };
  for (const term of terms) {
    find(term.folded, false);
    for (const form of term.forms) find(form, true);
  }
  return [...starts].toSorted((a, b) => a - b).map((start): [number, number] => [start, wordEnd(start)]);
};

/**
 * The user's words, split the way FTS5's unicode61 tokenizer splits: letters, numbers and private-use characters
 * form words (combining marks stay with their letter), everything else separates.
 *
 * Each word travels in two forms. FTS5 gets it as typed and folds it itself, exactly as it folded the index. JS
 * folds it (NFD, marks dropped, lower case) only to check candidates and to find the words to highlight; that fold
 * matches `remove_diacritics 2` for Latin scripts and differs in rare corners (e.g. Greek accents, which FTS5
 * keeps), where it can only make a highlight or a long-word check more lenient, never hide an indexed match.
 */
const TOKEN_RE = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const MARKS_RE = /\p{M}/gu;

/** More words than this add nothing a person would notice, and each one costs a doclist walk. */
export const MAX_QUERY_TERMS = 16;
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
  for (const match of text.matchAll(TOKEN_RE)) {
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
}

/** The distinct words of a search box, at most MAX_QUERY_TERMS; empty when it holds no word at all. */
export const queryTerms = (text: string | undefined): QueryTerm[] => {
  if (!text) return [];
  const terms = new Map<string, QueryTerm>();
  for (const span of tokenSpans(text)) {
    if (!terms.has(span.folded)) terms.set(span.folded, { text: span.text, folded: span.folded });
    if (terms.size === MAX_QUERY_TERMS) break;
  }
  return [...terms.values()];
};

/**
 * Each word becomes a quoted prefix phrase, so nothing the user types is read as FTS5 syntax (AND, NEAR, quotes,
 * parentheses, `*`, `:`, `^`, column names): the quoted text is only ever tokenized.
 */
export const prefixPhrase = (word: string): string => `"${word.replaceAll('"', '""')}"*`;

/**
 * FTS5 answers a prefix longer than its prefix indexes by first merging the doclists of every matching term, the
 * whole library's worth: 120 ms for "light" at 1M images. Such words are searched by their indexed prefix instead,
 * which streams, and each candidate is then checked for the whole word (collectMatches.ts).
 */
export const needsCheck = (term: QueryTerm): boolean => [...term.text].length > INDEXED_PREFIX_CHARS;
export const streamablePrefix = (term: QueryTerm): QueryTerm =>
  needsCheck(term) ? { ...term, text: [...term.text].slice(0, INDEXED_PREFIX_CHARS).join('') } : term;

/** A word character as FTS5's unicode61 tokenizer sees one (letters, numbers, private use; marks stay inside words). */
const WORD_CHAR_RE = /[\p{L}\p{N}\p{Co}\p{M}]/u;

/** Whether a word of `text` starts with `folded`: an occurrence at the start or after a non-word character. */
export const hasWordStartingWith = (text: string, folded: string): boolean => {
  const haystack = foldText(text);
  for (let i = haystack.indexOf(folded); i !== -1; i = haystack.indexOf(folded, i + 1)) {
    if (i === 0 || !WORD_CHAR_RE.test(haystack[i - 1]!)) return true;
  }
  return false;
};

/** [start, end) ranges of the prompt's words that begin with one of the terms (search is by prefix). */
export const highlightRanges = (prompt: string, terms: readonly QueryTerm[]): Array<[number, number]> => {
  if (terms.length === 0) return [];
  return NON_ASCII_RE.test(prompt) ? highlightBySpans(prompt, terms) : highlightAscii(prompt, terms);
};

const highlightBySpans = (prompt: string, terms: readonly QueryTerm[]): Array<[number, number]> => {
  const ranges: Array<[number, number]> = [];
  for (const span of tokenSpans(prompt)) {
    if (terms.some((term) => span.folded.startsWith(term.folded))) ranges.push([span.start, span.end]);
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
  const starts = new Set<number>();
  for (const { folded } of terms) {
    for (let i = lower.indexOf(folded); i !== -1; i = lower.indexOf(folded, i + 1)) {
      if (i === 0 || !isAsciiWordChar(lower.charCodeAt(i - 1))) starts.add(i);
    }
  }
  return [...starts]
    .toSorted((a, b) => a - b)
    .map((start): [number, number] => {
      let end = start;
      while (end < lower.length && isAsciiWordChar(lower.charCodeAt(end))) end++;
      return [start, end];
    });
};

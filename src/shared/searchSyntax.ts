/**
 * What the library's search box understands, shared by main (which runs it) and the renderer (which explains it):
 *
 *   cabin puppy        both words (each matched by its beginning, and in its other forms: core search/wordForms.ts)
 *   cabin OR puppy     either word (OR in capitals, between two words or groups)
 *   -cabin             leaves out images with the whole word "cabin" (or "cabins"); not "cabinet"
 *   golden-hour        the two words, as typed without the hyphen
 *
 * Words are what SQLite FTS5's unicode61 tokenizer calls words: letters, numbers, private-use characters, with their
 * combining marks. Everything else separates words. Hand-written: the grammar is these three rules, and it must
 * agree character for character with the tokenizer that built the index, which no general query parser does.
 */
export const WORD_RE = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;

/** More words than this add nothing a person would notice, and each one costs a doclist walk. */
export const MAX_SEARCH_WORDS = 16;

/** One or more words that must all be there (one whitespace-separated chunk of the box). */
export type WordGroup = readonly string[];

export interface SearchSyntax {
  /** Each clause holds when one of its groups does; every clause must hold. */
  clauses: ReadonlyArray<readonly WordGroup[]>;
  /** An image holding every word of any of these groups is left out. */
  excluded: readonly WordGroup[];
  /**
   * The box holds something to look for that is not a word (an emoji, a symbol) and no word at all: nothing can
   * match it, since only words are indexed. Punctuation alone (a quote, a lone "-") is syntax being typed: no text.
   */
  symbolsOnly: boolean;
}

const OR = 'OR';
const ASCII_PUNCTUATION_OR_SPACE_RE = /^[\s!-/:-@[-`{-~]*$/u;

/**
 * A searched word must be a single token to FTS5 (its index keeps no positions, so a phrase of two is an error).
 * unicode61 keeps a combining mark inside a word only when it is one of the diacritics it removes; any other mark
 * separates. So the word is composed first (NFC: "α" + U+0313 becomes "ἀ", a letter) and split at the marks still
 * left: never a phrase, and at worst a little more lenient than the index.
 */
const QUERY_WORD_RE = /[\p{L}\p{N}\p{Co}]+/gu;
const wordsOf = (chunk: string): string[] => chunk.normalize('NFC').match(QUERY_WORD_RE) ?? [];

export const parseSearch = (text: string | undefined): SearchSyntax => {
  const clauses: WordGroup[][] = [];
  const excluded: WordGroup[] = [];
  let budget = MAX_SEARCH_WORDS;
  let joinNext = false;
  const take = (words: string[]): string[] => {
    const kept = words.slice(0, Math.max(0, budget));
    budget -= kept.length;
    return kept;
  };
  const chunks = (text ?? '').split(/\s+/u);
  for (const chunk of chunks) {
    if (chunk === OR) {
      // Only between two groups: a leading or trailing OR (mid-typing "cabin OR") is ignored.
      joinNext = clauses.length > 0;
      continue;
    }
    const negated = chunk.startsWith('-');
    const words = take(wordsOf(chunk));
    if (words.length === 0) continue;
    if (negated) {
      excluded.push(words);
      joinNext = false;
    } else if (joinNext) {
      clauses.at(-1)!.push(words);
      joinNext = false;
    } else {
      clauses.push([words]);
    }
  }
  const symbolsOnly =
    clauses.length === 0 && excluded.length === 0 && !ASCII_PUNCTUATION_OR_SPACE_RE.test(chunks.filter((c) => c !== OR).join(' '));
  return { clauses, excluded, symbolsOnly };
};

import { stemmer as germanStem } from '@orama/stemmers/german';
import englishStem from 'wink-porter2-stemmer';

/**
 * The other forms of a searched word that the library should also find: "lighthouses" finds "lighthouse",
 * "puppy" finds "puppies", "Häuser" finds "Haus". The index keeps words as written (migration 0006), so the forms
 * are worked out from the query alone: likely inflections of the word's stems are generated and only those that
 * stem back to the same word are kept. FTS5 then looks each one up as a whole word, so what matches is exact and
 * the same for a page, a count and a jump, with no dictionary and no second index.
 *
 * English is Snowball's Porter2 (wink-porter2-stemmer); German is Snowball's German stemmer (@orama/stemmers).
 * German rules strip -er/-en/-e, which also cuts English words ("forest" → "for", "water" → "wat"): a German stem
 * shorter than four letters is therefore not used, which keeps "Häuser" → "haus" and "Wälder" → "wald".
 */

/** Words as the index folds them (lower case, accents removed): only Latin letters are stemmed. */
const STEMMABLE_RE = /^[a-zß]{3,40}$/u;
/** Endings an English or a German stem takes in its inflected forms. */
const ENGLISH_ENDINGS = ['', 'e', 's', 'es', 'ed', 'ing', 'er', 'ers', 'ion', 'ions'];
const GERMAN_ENDINGS = ['', 'e', 'en', 'n', 'er', 'ern', 'es', 's', 'em'];
const MIN_GERMAN_STEM = 4;
/** Forms share the word's first three letters, the prefix search streams by (collectMatches.ts). */
const SHARED_HEAD = 3;

const VOWEL_START_RE = /^[aeiouy]/u;
const CONSONANT_END_RE = /[^aeiouy]$/u;

/** run → running, stop → stopped: English doubles a final consonant before a vowel ending. */
const englishCandidates = (stem: string): string[] => {
  const bases = [stem];
  // Porter2 writes a final y as i (berry → berri, cities → citi): the word may end in y or -ies.
  if (stem.endsWith('i')) bases.push(stem.slice(0, -1) + 'y', stem.slice(0, -1) + 'ies');
  const out = [...bases];
  for (const ending of ENGLISH_ENDINGS) {
    out.push(stem + ending);
    if (VOWEL_START_RE.test(ending) && CONSONANT_END_RE.test(stem)) out.push(stem + stem.at(-1)! + ending);
  }
  return out;
};

/**
 * Candidates are checked by stemming them back (a few dozen calls, not hundreds: Porter2 costs tens of µs a word),
 * English candidates with the English stemmer and German ones with the German.
 */
const formsOf = (word: string): string[] => {
  const head = word.slice(0, SHARED_HEAD);
  const keep = (f: string) => f !== word && f.startsWith(head);
  const forms = new Set<string>();
  const en = englishStem(word);
  for (const f of new Set(englishCandidates(en))) if (keep(f) && englishStem(f) === en) forms.add(f);
  const de = germanStem(word);
  if (de.length >= MIN_GERMAN_STEM) {
    for (const ending of GERMAN_ENDINGS) {
      const f = de + ending;
      if (keep(f) && germanStem(f) === de) forms.add(f);
    }
  }
  return [...forms].toSorted();
};

const remembered = new Map<string, readonly string[]>();
const REMEMBERED_WORDS = 512;

/**
 * The folded word's other forms (never the word itself), sorted; none for a word that is not Latin letters.
 * Remembered: a search box asks for the same few words on every keystroke and page.
 */
export const wordForms = (folded: string): readonly string[] => {
  const known = remembered.get(folded);
  if (known) return known;
  const forms = STEMMABLE_RE.test(folded) ? formsOf(folded) : [];
  if (remembered.size >= REMEMBERED_WORDS) remembered.delete(remembered.keys().next().value!);
  remembered.set(folded, forms);
  return forms;
};

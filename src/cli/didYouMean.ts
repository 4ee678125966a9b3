import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name a mistyped one most likely meant, or null when none is close: at most two edits, and fewer than
 * half of the word, so "lagoon lst" suggests "list" but "lagoon photo" suggests nothing.
 */
const didYouMean = (typed: string, known: readonly string[]): string | null => {
  if (typed === '' || known.length === 0) return null;
  const best = closest(typed, [...known]);
  const edits = distance(typed, best);
  return edits <= 2 && edits < Math.max(2, typed.length / 2) ? best : null;
};

/** " Did you mean "list"?" or nothing. */
export const suggestion = (typed: string, known: readonly string[], prefix = ''): string => {
  const near = didYouMean(typed, known);
  return near === null ? '' : ` Did you mean "${prefix}${near}"?`;
};

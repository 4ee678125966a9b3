/** A matched range [start, end) in code units, as main reports it for a prompt. */
export type Range = readonly [number, number];

export interface Segment {
  text: string;
  match: boolean;
}

/**
 * Cuts text into plain and matched runs. Ranges from main are trusted for meaning but not for shape: they are
 * clamped, sorted and merged, and never split a surrogate pair, so a bad range can only lose a highlight.
 */
export const highlightSegments = (text: string, ranges: readonly Range[] | undefined): Segment[] => {
  if (!ranges || ranges.length === 0 || text === '') return text === '' ? [] : [{ text, match: false }];
  const clean = ranges
    .map(([s, e]) => [snap(text, Math.max(0, Math.min(s, text.length))), snap(text, Math.max(0, Math.min(e, text.length)))] as const)
    .filter(([s, e]) => e > s)
    .toSorted((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of clean) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), match: false });
    out.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
};

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const snap = (text: string, i: number): number => (i > 0 && i < text.length && isLowSurrogate(text.charCodeAt(i)) ? i - 1 : i);

/**
 * A short window of a long prompt that starts a little before the first match, so a tile's caption shows why it
 * matched; ranges are shifted to the window. Without matches it is the prompt's start.
 */
export const snippet = (text: string, ranges: readonly Range[] | undefined, maxChars = 140, lead = 24): { text: string; ranges: Range[] } => {
  const first = ranges && ranges.length > 0 ? Math.min(...ranges.map((r) => r[0])) : 0;
  let start = first > lead ? snap(text, first - lead) : 0;
  // Begin at a word boundary when one is near, so the caption does not open mid-word.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  const end = snap(text, Math.min(text.length, start + maxChars));
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  const shifted = (ranges ?? []).map(([s, e]) => [s + shift, e + shift] as const).filter(([s, e]) => e > prefix.length && s < prefix.length + end - start);
  return { text: prefix + text.slice(start, end) + suffix, ranges: shifted };
};

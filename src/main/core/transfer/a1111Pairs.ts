/**
 * The "Key: value" pairs of an A1111 parameters line, found exactly as A1111's re_param
 * `\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)` finds them with a global search, but in linear time.
 * The regex itself backtracks quadratically on a long line without a colon (200 kB of one word took 19 s on the
 * main thread), so it is replaced by this scanner; a property test keeps the two in agreement on valid input.
 *
 * Why one pass is enough: a key is a word character followed by a maximal run of `[\w \-/]` that must end right at
 * a ':' (':' is not in the run, so no shorter key can end at one). A search that fails at a key start therefore
 * fails at every start inside the same run, and resumes at the run's end. The quoted value is deterministic too (a
 * backslash always takes the next character), and where a quoted value ends is precomputed right to left once.
 */

export interface RawPair {
  key: string;
  value: string;
}

// What `\s` matches under the `u` flag (all in the BMP).
const WHITESPACE = new Set(
  [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff].concat(
    Array.from({ length: 11 }, (_, i) => 0x2000 + i),
  ),
);
// What `.` refuses without the `s` flag.
const LINE_TERMINATORS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

const isSpace = (c: number): boolean => WHITESPACE.has(c);
const isWord = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isKeyChar = (c: number): boolean => isWord(c) || c === 0x20 || c === 0x2d || c === 0x2f;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NONE = -1;

/**
 * closing[i]: scanning `(?:\\.|[^\\"])*` from i, the index of the '"' it stops at, or NONE when it runs into the end
 * or a backslash before a line terminator.
 */
const closingQuotes = (s: string): Int32Array => {
  const closing = new Int32Array(s.length + 2).fill(NONE);
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) closing[i] = i;
    else if (c !== BACKSLASH) closing[i] = closing[i + 1]!;
    else if (i + 1 < s.length && !LINE_TERMINATORS.has(s.charCodeAt(i + 1))) closing[i] = closing[i + 2]!;
  }
  return closing;
};

/** Where the value starting at `at` ends (exclusive): a quoted value if one fits before ',' or the end, else up to ','. */
const valueEnd = (s: string, at: number, closing: Int32Array): number => {
  if (s.charCodeAt(at) === QUOTE) {
    const close = closing[at + 1]!;
    // `+`: at least one character between the quotes; then ',' or the end must follow.
    if (close > at + 1 && (close + 1 === s.length || s.charCodeAt(close + 1) === COMMA)) return close + 1;
  }
  const comma = s.indexOf(',', at);
  return comma < 0 ? s.length : comma;
};

/** Every pair of `line` in order, key and value untrimmed as the regex captures them. */
export function scanA1111Pairs(line: string): RawPair[] {
  const pairs: RawPair[] = [];
  let closing: Int32Array | null = null;
  const n = line.length;
  let p = 0;
  while (p < n) {
    let q = p;
    while (q < n && isSpace(line.charCodeAt(q))) q++;
    if (q >= n) break;
    if (!isWord(line.charCodeAt(q))) {
      p = q + 1;
      continue;
    }
    let r = q + 1;
    while (r < n && isKeyChar(line.charCodeAt(r))) r++;
    if (r === q + 1 || line.charCodeAt(r) !== COLON) {
      p = r;
      continue;
    }
    let v = r + 1;
    while (v < n && isSpace(line.charCodeAt(v))) v++;
    closing ??= closingQuotes(line);
    const end = valueEnd(line, v, closing);
    pairs.push({ key: line.slice(q, r), value: line.slice(v, end) });
    // The regex consumes the ',' after the value; at the end of the line there is nothing left to find.
    p = end < n ? end + 1 : n;
  }
  return pairs;
}

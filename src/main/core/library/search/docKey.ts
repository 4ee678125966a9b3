/**
 * `images.doc_key` (migration 0006): min(created_at, 2^53 - 1) * 1024 + a tie-break slot. It is the FTS rowid and
 * the grid's order. It exceeds 2^53, so JavaScript only ever sees it split into two safe integers and hands it back
 * to SQLite as a BigInt (a JS number would be bound as a double and lose the low bits).
 */
const SLOT_BITS = 10n;
export const MAX_KEY_MS = Number.MAX_SAFE_INTEGER;
export const MAX_SLOT = 1023;
const MAX_KEY = (BigInt(MAX_KEY_MS) << SLOT_BITS) | BigInt(MAX_SLOT);

/** A doc_key as SQL hands it to JS: `doc_key >> 10` and `doc_key & 1023`. */
export interface KeyParts {
  ms: number;
  slot: number;
}

/** The SQL that splits `<alias>.doc_key` into the two columns of KeyParts. */
export const keyColumns = (alias: string): string => `${alias}.doc_key >> 10 AS keyMs, ${alias}.doc_key & 1023 AS keySlot`;

export const joinKey = (parts: KeyParts): bigint => (BigInt(parts.ms) << SLOT_BITS) | BigInt(parts.slot);

/** An inclusive doc_key range. */
export interface KeyRange {
  low: bigint;
  high: bigint;
}

/** The key range of images created between `from` and `to` (ms, inclusive); null when it is empty. */
export const keyRangeOf = (from: number | undefined, to: number | undefined): KeyRange | null => {
  const low = BigInt(Math.min(from ?? 0, MAX_KEY_MS)) << SLOT_BITS;
  const high = to === undefined ? MAX_KEY : (BigInt(Math.min(to, MAX_KEY_MS)) << SLOT_BITS) | BigInt(MAX_SLOT);
  return low > high ? null : { low, high };
};

/** What is left of the range strictly after `key` in the walk's direction; null when nothing is. */
export const rangeAfter = (range: KeyRange, key: bigint, newestFirst: boolean): KeyRange | null => {
  const narrowed = newestFirst
    ? { low: range.low, high: key - 1n < range.high ? key - 1n : range.high }
    : { low: key + 1n > range.low ? key + 1n : range.low, high: range.high };
  return narrowed.low > narrowed.high ? null : narrowed;
};

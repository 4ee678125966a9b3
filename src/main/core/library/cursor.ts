import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import type { ImageQuery } from '../../../shared/ipc/schemas/library.ts';
import { type KeyParts, MAX_KEY_MS, MAX_SLOT } from './search/docKey.ts';

export type SortOrder = NonNullable<ImageQuery['sort']>;

/** The last item of a page: the next page starts strictly after it in the sort's order. */
export type ListCursor = { sort: 'newest' | 'oldest'; key: KeyParts } | { sort: 'rating'; rating: number; key: KeyParts };

const zMs = z.number().int().min(0).max(MAX_KEY_MS);
const zSlot = z.number().int().min(0).max(MAX_SLOT);
const zCursorTuple = z.union([
  z.tuple([z.enum(['n', 'o']), zMs, zSlot]),
  z.tuple([z.literal('r'), z.number().int().min(0).max(5), zMs, zSlot]),
]);
const BASE64URL_RE = /^[A-Za-z0-9_-]{1,200}$/;

const invalid = () => new AppError('INVALID_INPUT', 'The library position is no longer valid. Reload the library and try again.');

const tupleOf = (cursor: ListCursor): unknown[] =>
  cursor.sort === 'rating'
    ? ['r', cursor.rating, cursor.key.ms, cursor.key.slot]
    : [cursor.sort === 'newest' ? 'n' : 'o', cursor.key.ms, cursor.key.slot];

/** Opaque to the renderer: base64url of a short JSON tuple. */
export const encodeCursor = (cursor: ListCursor): string => Buffer.from(JSON.stringify(tupleOf(cursor)), 'utf8').toString('base64url');

/**
 * Strict on purpose: Node's base64 decoder skips characters it does not know, so we only accept the exact text our
 * own encoder produces (re-encoding must give back the same string). A cursor of another sort order is refused too:
 * it would silently continue from the wrong place.
 */
export const decodeCursor = (text: string, sort: SortOrder): ListCursor => {
  if (!BASE64URL_RE.test(text)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = zCursorTuple.safeParse(value);
  if (!parsed.success) throw invalid();
  const tuple = parsed.data;
  const cursor: ListCursor =
    tuple[0] === 'r'
      ? { sort: 'rating', rating: tuple[1], key: { ms: tuple[2], slot: tuple[3] } }
      : { sort: tuple[0] === 'n' ? 'newest' : 'oldest', key: { ms: tuple[1], slot: tuple[2] } };
  if (cursor.sort !== sort || encodeCursor(cursor) !== text) throw invalid();
  return cursor;
};

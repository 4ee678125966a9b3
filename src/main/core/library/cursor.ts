import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { isImageId } from './imageId.ts';

/** The last item of a page; the next page starts strictly after it in (createdAt DESC, id DESC) order. */
export interface ListCursor {
  createdAt: number;
  id: string;
}

const zCursorTuple = z.tuple([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().refine(isImageId)]);
const BASE64URL_RE = /^[A-Za-z0-9_-]{1,200}$/;

const invalid = () => new AppError('INVALID_INPUT', 'The library position is no longer valid. Reload the library and try again.');

/** Opaque to the renderer: base64url of `[createdAt, id]`. */
export const encodeCursor = (cursor: ListCursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');

/**
 * Strict on purpose: Node's base64 decoder skips characters it does not know, so we only accept the exact text our
 * own encoder produces (re-encoding must give back the same string).
 */
export const decodeCursor = (text: string): ListCursor => {
  if (!BASE64URL_RE.test(text)) throw invalid();
  const json = Buffer.from(text, 'base64url').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw invalid();
  }
  const parsed = zCursorTuple.safeParse(value);
  if (!parsed.success) throw invalid();
  const cursor = { createdAt: parsed.data[0], id: parsed.data[1] };
  if (encodeCursor(cursor) !== text) throw invalid();
  return cursor;
};

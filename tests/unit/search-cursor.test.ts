import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/main/core/library/cursor.ts';
import { searchImages } from '../../src/main/core/library/search/searchImages.ts';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { insertRows, readRows, referenceSearch, type Row, syntheticRows, type TempDb, tempDb } from './helpers/searchLibrary.ts';
import { codeOf } from './helpers/errorCode.ts';

let lib: TempDb;
beforeEach(() => {
  lib = tempDb();
});
afterEach(() => lib.close());


const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursors', () => {
  it('round-trip for every sort', () => {
    for (const cursor of [
      { sort: 'newest', key: { ms: 1_700_000_000_000, slot: 1023 } },
      { sort: 'oldest', key: { ms: 0, slot: 0 } },
      { sort: 'rating', rating: 5, key: { ms: Number.MAX_SAFE_INTEGER, slot: 7 } },
    ] as const) {
      expect(decodeCursor(encodeCursor(cursor), cursor.sort)).toEqual(cursor);
    }
  });

  it('are refused unless exactly what we issued, for this sort', () => {
    const valid = encodeCursor({ sort: 'newest', key: { ms: 5, slot: 3 } });
    const bad = [
      '', 'garbage!', `${valid}=`, ` ${valid}`, `${valid}A`, 'A'.repeat(201), b64({ ms: 5, slot: 3 }), b64(['n', 5]), b64(['n', 5, 3, 1]),
      b64(['x', 5, 3]), b64(['n', -1, 3]), b64(['n', 5, 1024]), b64(['n', 1.5, 3]), b64(['n', '5', 3]), b64(['r', 6, 5, 3]),
      b64(['n', Number.MAX_SAFE_INTEGER + 2, 3]), b64(['r', 5, 3]),
    ];
    expect(bad.map((cursor) => [cursor, codeOf(() => searchImages(lib.db, {}, { cursor }))])).toEqual(bad.map((c) => [c, 'INVALID_INPUT']));
    expect(codeOf(() => searchImages(lib.db, { sort: 'oldest' }, { cursor: valid }))).toBe('INVALID_INPUT');
    expect(codeOf(() => searchImages(lib.db, { sort: 'rating' }, { cursor: valid }))).toBe('INVALID_INPUT');
    expect(searchImages(lib.db, {}, { cursor: valid }).items).toEqual([]);
  });

  it('limit is 1..500', () => {
    for (const limit of [0, -1, 501, 1.5, Number.NaN]) expect(codeOf(() => searchImages(lib.db, {}, { limit }))).toBe('INVALID_INPUT');
    expect(() => searchImages(lib.db, {}, { limit: 500 })).not.toThrow();
  });
});

const walk = (query: ImageQuery, limit: number): string[] => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const result = searchImages(lib.db, query, { cursor, limit });
    seen.push(...result.items.map((i) => i.id));
    cursor = result.nextCursor;
  } while (cursor);
  return seen;
};

describe('keyset paging', () => {
  it('goes on past an image that was deleted, and is not shifted by newer ones arriving', () => {
    const rows = syntheticRows(40).map((r, i): Row => ({ ...r, trashedAt: null, createdAt: 1000 + Math.floor(i / 3) }));
    insertRows(lib.db, rows);
    const expected = referenceSearch(rows, {}).map((r) => r.id);
    const first = searchImages(lib.db, {}, { limit: 10 });
    lib.db.prepare('DELETE FROM images WHERE id = ?').run(first.items.at(-1)!.id);
    insertRows(lib.db, syntheticRows(3, 77).map((r) => ({ ...r, trashedAt: null, createdAt: 99_999 })));
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = searchImages(lib.db, {}, { cursor, limit: 10 });
      rest.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect([...first.items.map((i) => i.id), ...rest]).toEqual(expected);
  });

  it('pages through many ties: one millisecond, one rating', () => {
    const rows = syntheticRows(90).map((r, i): Row => ({ ...r, trashedAt: null, createdAt: 5000 + (i % 2), rating: i % 3 === 0 ? 4 : 2 }));
    insertRows(lib.db, rows);
    for (const sort of ['newest', 'oldest', 'rating'] as const) {
      const expected = referenceSearch(readRows(lib.db), { sort }).map((r) => r.id);
      for (const limit of [1, 4, 89, 90, 91]) expect(walk({ sort }, limit), `${sort} ${limit}`).toEqual(expected);
    }
  });

  it('rating pages continue within a rating and then into the lower ones, with words and a floor', () => {
    const rows = syntheticRows(200).map((r): Row => ({ ...r, trashedAt: null }));
    insertRows(lib.db, rows);
    for (const query of [{ sort: 'rating', minRating: 2 }, { sort: 'rating', text: 'li' }, { sort: 'rating', text: 'lighthouse' }] as ImageQuery[]) {
      expect(walk(query, 3), JSON.stringify(query)).toEqual(referenceSearch(rows, query).map((r) => r.id));
    }
  });
});

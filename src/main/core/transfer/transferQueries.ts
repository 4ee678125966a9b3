import type { Database } from 'better-sqlite3';
import { prepared } from '../db/statements.ts';

/** Import's one query: is this content already in the library? Served by the index `images_by_sha256` (migration 4). */
export const FIND_BY_SHA256_SQL = 'SELECT id FROM images WHERE sha256 = ? LIMIT 1';

export const findImageIdBySha256 = (db: Database, sha256: string): string | null =>
  (prepared(db, FIND_BY_SHA256_SQL, 'images.by_sha256').get(sha256) as { id: string } | undefined)?.id ?? null;

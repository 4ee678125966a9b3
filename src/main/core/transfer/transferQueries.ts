import type { Database, Statement } from 'better-sqlite3';

/**
 * Import's one query: is this content already in the library? Served by an index on images(sha256) (to be added
 * by a migration as `images_by_sha256`); without it every imported file would scan the whole table.
 */
export const FIND_BY_SHA256_SQL = 'SELECT id FROM images WHERE sha256 = ? LIMIT 1';

const statements = new WeakMap<Database, Statement>();

export const findImageIdBySha256 = (db: Database, sha256: string): string | null => {
  let statement = statements.get(db);
  if (!statement) {
    statement = db.prepare(FIND_BY_SHA256_SQL);
    statements.set(db, statement);
  }
  return (statement.get(sha256) as { id: string } | undefined)?.id ?? null;
};

import type { Database } from 'better-sqlite3';
import { isImageId } from '../imageId.ts';
import { prepared } from '../../db/statements.ts';

// One statement for any number of ids: json_each hands them to the primary-key lookup without building SQL text.
const EXISTING_SQL = 'SELECT id FROM images WHERE id IN (SELECT value FROM json_each(?))';

/** The distinct ids that name an image in the library; unknown or malformed ones are dropped (and so counted out). */
export const existingIds = (db: Database, ids: readonly string[]): string[] => {
  const wanted = [...new Set(ids)].filter(isImageId);
  if (wanted.length === 0) return [];
  return (prepared(db, EXISTING_SQL).all(JSON.stringify(wanted)) as Array<{ id: string }>).map((r) => r.id);
};

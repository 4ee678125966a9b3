import type { Database } from 'better-sqlite3';
import { prepared } from '../../db/statements.ts';

/**
 * Tag names are trimmed, stored in NFC, and unique ignoring case in every script. The column's NOCASE collation only
 * folds ASCII, so a miss there falls back to comparing folded names (tags number in the hundreds, not millions).
 */
const normalizeTagName = (name: string): string => name.trim().normalize('NFC');
const fold = (name: string): string => normalizeTagName(name).toLowerCase();

const BY_NAME_SQL = 'SELECT id FROM tags WHERE name = ?';
const ALL_SQL = 'SELECT id, name FROM tags';
const INSERT_SQL = 'INSERT INTO tags (name) VALUES (?)';

export const findTagId = (db: Database, name: string): number | null => {
  const normalized = normalizeTagName(name);
  const exact = prepared(db, BY_NAME_SQL).get(normalized) as { id: number } | undefined;
  if (exact) return exact.id;
  const wanted = fold(normalized);
  const rows = prepared(db, ALL_SQL).all() as Array<{ id: number; name: string }>;
  return rows.find((row) => fold(row.name) === wanted)?.id ?? null;
};

/** Call inside a write transaction, so two writers cannot both create the same name. */
export const findOrCreateTag = (db: Database, name: string): number =>
  findTagId(db, name) ?? Number(prepared(db, INSERT_SQL).run(normalizeTagName(name)).lastInsertRowid);

import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/errors.ts';
import { type ImageQuery, type SavedSearch, zImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { compareNames } from '../compareNames.ts';
import { prepared } from '../../db/statements.ts';

const LIST_SQL = 'SELECT id, name, query_json AS queryJson, created_at AS createdAt FROM saved_searches';
const INSERT_SQL = 'INSERT INTO saved_searches (id, name, query_json, created_at) VALUES (?, ?, ?, ?)';
const DELETE_SQL = 'DELETE FROM saved_searches WHERE id = ?';

interface SavedSearchRow {
  id: string;
  name: string;
  queryJson: string;
  createdAt: number;
}

/**
 * The stored query is re-validated on the way out: a row written by another version (or edited by hand) that no
 * longer fits the contract is left out rather than handed to the renderer as if it were valid.
 */
const parse = (row: SavedSearchRow): SavedSearch | null => {
  let value: unknown;
  try {
    value = JSON.parse(row.queryJson);
  } catch {
    return null;
  }
  const query = zImageQuery.safeParse(value);
  return query.success ? { id: row.id, name: row.name, query: query.data, createdAt: row.createdAt } : null;
};

export const listSavedSearches = (db: Database): SavedSearch[] =>
  (prepared(db, LIST_SQL).all() as SavedSearchRow[])
    .map(parse)
    .filter((s): s is SavedSearch => s !== null)
    .toSorted((a, b) => compareNames(a.name, b.name) || compareNames(a.id, b.id));

export const saveSearch = (db: Database, opts: { id: string; name: string; query: ImageQuery; now: number }): SavedSearch => {
  const name = opts.name.trim().normalize('NFC');
  prepared(db, INSERT_SQL).run(opts.id, name, JSON.stringify(opts.query), opts.now);
  return { id: opts.id, name, query: opts.query, createdAt: opts.now };
};

export const deleteSavedSearch = (db: Database, id: string): void => {
  if (prepared(db, DELETE_SQL).run(id.toLowerCase()).changes === 0) throw new AppError('NOT_FOUND', 'That saved search no longer exists.');
};

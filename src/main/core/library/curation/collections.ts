import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/errors.ts';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { compareNames } from '../compareNames.ts';
import { prepared } from '../../db/statements.ts';

// With how many live images each holds: kept in the row by migration 0014's triggers, whatever the library's size.
export const LIST_SQL = 'SELECT id, name, created_at AS createdAt, live_images AS count FROM collections';
const GET_SQL = 'SELECT id, name, created_at AS createdAt, live_images AS count FROM collections WHERE id = ?';
const INSERT_SQL = 'INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)';
const RENAME_SQL = 'UPDATE collections SET name = ? WHERE id = ?';
const DELETE_SQL = 'DELETE FROM collections WHERE id = ?';
const MEMBERS_SQL = 'SELECT image_id AS id FROM collection_images WHERE collection_id = ?';
const ADD_SQL = 'INSERT OR IGNORE INTO collection_images (collection_id, image_id, added_at) SELECT ?, value, ? FROM json_each(?)';
const REMOVE_SQL = 'DELETE FROM collection_images WHERE collection_id = ? AND image_id IN (SELECT value FROM json_each(?))';

const notFound = () => new AppError('NOT_FOUND', 'That collection no longer exists.');
const fold = (name: string): string => name.trim().normalize('NFC').toLowerCase();
const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number => compareNames(a.name, b.name) || compareNames(a.id, b.id);

const getCollection = (db: Database, id: string): Collection | null =>
  (prepared(db, GET_SQL).get(id.toLowerCase()) as Collection | undefined) ?? null;

export const requireCollection = (db: Database, id: string): Collection => {
  const row = getCollection(db, id);
  if (!row) throw notFound();
  return row;
};

/** Two collections may not share a name (ignoring case): the sidebar and "add to…" menus would be ambiguous. */
const assertNameFree = (db: Database, name: string, exceptId: string | null): void => {
  const wanted = fold(name);
  const clash = (prepared(db, LIST_SQL).all() as Collection[]).some((c) => c.id !== exceptId && fold(c.name) === wanted);
  if (clash) throw new AppError('INVALID_INPUT', `A collection named "${name.trim()}" already exists. Choose another name.`);
};

export const listCollections = (db: Database): Collection[] => (prepared(db, LIST_SQL).all() as Collection[]).toSorted(byName);

/** Call inside a write transaction. */
export const createCollection = (db: Database, opts: { id: string; name: string; now: number }): Collection => {
  const name = opts.name.trim().normalize('NFC');
  assertNameFree(db, name, null);
  prepared(db, INSERT_SQL).run(opts.id, name, opts.now);
  return { id: opts.id, name, createdAt: opts.now, count: 0 };
};

/** Call inside a write transaction. */
export const renameCollection = (db: Database, id: string, newName: string): Collection => {
  const row = requireCollection(db, id);
  const name = newName.trim().normalize('NFC');
  assertNameFree(db, name, row.id);
  prepared(db, RENAME_SQL).run(name, row.id);
  return { ...row, name };
};

/** Deletes the collection, never its images; returns the ids that were in it. Call inside a write transaction. */
export const deleteCollection = (db: Database, id: string): string[] => {
  const row = requireCollection(db, id);
  const members = (prepared(db, MEMBERS_SQL).all(row.id) as Array<{ id: string }>).map((m) => m.id);
  prepared(db, DELETE_SQL).run(row.id);
  return members;
};

/** Call inside a write transaction, with image ids known to exist. */
export const addToCollection = (db: Database, id: string, imageIds: readonly string[], now: number): void => {
  const row = requireCollection(db, id);
  prepared(db, ADD_SQL).run(row.id, now, JSON.stringify(imageIds));
};

/** Call inside a write transaction, with image ids known to exist. */
export const removeFromCollection = (db: Database, id: string, imageIds: readonly string[]): void => {
  const row = requireCollection(db, id);
  prepared(db, REMOVE_SQL).run(row.id, JSON.stringify(imageIds));
};

import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/errors.ts';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { compareNames } from '../compareNames.ts';
import { prepared } from '../../db/statements.ts';

const LIST_SQL = 'SELECT id, name, created_at AS createdAt FROM collections';
const GET_SQL = 'SELECT id, name, created_at AS createdAt FROM collections WHERE id = ?';
const INSERT_SQL = 'INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)';
const RENAME_SQL = 'UPDATE collections SET name = ? WHERE id = ?';
const DELETE_SQL = 'DELETE FROM collections WHERE id = ?';
const MEMBERS_SQL = 'SELECT image_id AS id FROM collection_images WHERE collection_id = ?';
const ADD_SQL = 'INSERT OR IGNORE INTO collection_images (collection_id, image_id, added_at) SELECT ?, value, ? FROM json_each(?)';
const REMOVE_SQL = 'DELETE FROM collection_images WHERE collection_id = ? AND image_id IN (SELECT value FROM json_each(?))';
// Live members as all members (one pass over the primary key) minus the trashed ones (the trash, through its partial
// index): two queries for every collection at once, whatever the library's size.
export const MEMBER_COUNTS_SQL = 'SELECT collection_id AS id, count(*) AS n FROM collection_images GROUP BY collection_id';
export const TRASHED_MEMBER_COUNTS_SQL = `SELECT ci.collection_id AS id, count(*) AS n FROM images AS i
  JOIN collection_images AS ci ON ci.image_id = i.id WHERE i.trashed_at IS NOT NULL GROUP BY ci.collection_id`;

type CollectionRow = Omit<Collection, 'count'>;

const notFound = () => new AppError('NOT_FOUND', 'That collection no longer exists.');
const fold = (name: string): string => name.trim().normalize('NFC').toLowerCase();
const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number => compareNames(a.name, b.name) || compareNames(a.id, b.id);

const liveCounts = (db: Database): (id: string) => number => {
  const counts = (sql: string) => new Map((prepared(db, sql).all() as Array<{ id: string; n: number }>).map((r) => [r.id, r.n]));
  const members = counts(MEMBER_COUNTS_SQL);
  const trashed = counts(TRASHED_MEMBER_COUNTS_SQL);
  return (id) => (members.get(id) ?? 0) - (trashed.get(id) ?? 0);
};

const getCollection = (db: Database, id: string): CollectionRow | null =>
  (prepared(db, GET_SQL).get(id.toLowerCase()) as CollectionRow | undefined) ?? null;

export const requireCollection = (db: Database, id: string): CollectionRow => {
  const row = getCollection(db, id);
  if (!row) throw notFound();
  return row;
};

/** Two collections may not share a name (ignoring case): the sidebar and "add to…" menus would be ambiguous. */
const assertNameFree = (db: Database, name: string, exceptId: string | null): void => {
  const wanted = fold(name);
  const clash = (prepared(db, LIST_SQL).all() as CollectionRow[]).some((c) => c.id !== exceptId && fold(c.name) === wanted);
  if (clash) throw new AppError('INVALID_INPUT', `A collection named "${name.trim()}" already exists. Choose another name.`);
};

export const listCollections = (db: Database): Collection[] => {
  const countOf = liveCounts(db);
  return (prepared(db, LIST_SQL).all() as CollectionRow[]).toSorted(byName).map((row) => ({ ...row, count: countOf(row.id) }));
};

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
  return { ...row, name, count: liveCounts(db)(row.id) };
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

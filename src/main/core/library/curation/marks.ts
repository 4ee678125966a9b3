import type { Database } from 'better-sqlite3';
import { prepared } from '../../db/statements.ts';

// Rows already holding the value are skipped: an UPDATE of an unchanged row would still re-index it.
const SET_FAVORITE_SQL = 'UPDATE images SET favorite = ? WHERE id IN (SELECT value FROM json_each(?)) AND favorite <> ?';
const SET_RATING_SQL = 'UPDATE images SET rating = ? WHERE id IN (SELECT value FROM json_each(?)) AND rating <> ?';

/** Call inside a write transaction, with ids known to exist. */
export const setFavorite = (db: Database, ids: readonly string[], favorite: boolean): void => {
  const value = favorite ? 1 : 0;
  prepared(db, SET_FAVORITE_SQL).run(value, JSON.stringify(ids), value);
};

/** 0 clears the rating. Call inside a write transaction, with ids known to exist. */
export const setRating = (db: Database, ids: readonly string[], rating: number): void => {
  prepared(db, SET_RATING_SQL).run(rating, JSON.stringify(ids), rating);
};

import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Collection, ImageQuery, SavedSearch } from '../../../../shared/ipc/schemas/library.ts';
import type { EventBus } from '../../events/eventBus.ts';
import {
  addToCollection, createCollection, deleteCollection, listCollections, removeFromCollection, renameCollection, requireCollection,
} from './collections.ts';
import { existingIds } from './existingIds.ts';
import { setFavorite, setRating } from './marks.ts';
import { deleteSavedSearch, listSavedSearches, saveSearch } from './savedSearches.ts';
import { addTags, listTags, removeTags } from './tags.ts';

export interface CurationDeps {
  db: Database;
  events?: EventBus;
  now?: () => number;
  newId?: () => string;
}

/** How many of the ids named an image in the library (unknown ids are ignored, not errors: one may have just been purged). */
interface Updated {
  updated: number;
}

/**
 * What a user does to images after they exist. Every bulk call is one transaction over the ids that exist, and
 * tells the UI which images changed once it has committed. The search index follows through triggers.
 */
export interface Curation {
  setFavorite(ids: readonly string[], favorite: boolean): Updated;
  setRating(ids: readonly string[], rating: number): Updated;
  addTags(ids: readonly string[], tags: readonly string[]): Updated;
  removeTags(ids: readonly string[], tags: readonly string[]): Updated;
  listTags(): Array<{ name: string; count: number }>;
  listCollections(): Collection[];
  createCollection(name: string): Collection;
  renameCollection(id: string, name: string): Collection;
  deleteCollection(id: string): void;
  addToCollection(id: string, imageIds: readonly string[]): Updated;
  removeFromCollection(id: string, imageIds: readonly string[]): Updated;
  listSavedSearches(): SavedSearch[];
  saveSearch(name: string, query: ImageQuery): SavedSearch;
  deleteSavedSearch(id: string): void;
}

export function createCuration(deps: CurationDeps): Curation {
  const { db, events } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;

  const changed = (ids: readonly string[]): void => {
    if (ids.length) events?.emit('images.changed', { reason: 'updated', ids: [...ids] });
  };

  /**
   * Validates the ids and applies the change in one IMMEDIATE transaction; emits only after the commit. `check` runs
   * first, inside it (the collection must exist even when none of the ids do).
   */
  const bulk = (ids: readonly string[], apply: (existing: string[]) => void, check?: () => void): Updated => {
    const existing = db
      .transaction(() => {
        check?.();
        const found = existingIds(db, ids);
        if (found.length) apply(found);
        return found;
      })
      .immediate();
    changed(existing);
    return { updated: existing.length };
  };

  const write = <T>(fn: () => T): T => db.transaction(fn).immediate();

  return {
    setFavorite: (ids, favorite) => bulk(ids, (found) => setFavorite(db, found, favorite)),
    setRating: (ids, rating) => bulk(ids, (found) => setRating(db, found, rating)),
    addTags: (ids, tags) => bulk(ids, (found) => addTags(db, found, tags)),
    removeTags: (ids, tags) => bulk(ids, (found) => removeTags(db, found, tags)),
    listTags: () => listTags(db),
    listCollections: () => listCollections(db),
    createCollection: (name) => write(() => createCollection(db, { id: newId(), name, now: now() })),
    renameCollection: (id, name) => write(() => renameCollection(db, id, name)),
    deleteCollection: (id) => changed(write(() => deleteCollection(db, id))),
    addToCollection: (id, imageIds) =>
      bulk(imageIds, (found) => addToCollection(db, id, found, now()), () => void requireCollection(db, id)),
    removeFromCollection: (id, imageIds) =>
      bulk(imageIds, (found) => removeFromCollection(db, id, found), () => void requireCollection(db, id)),
    listSavedSearches: () => listSavedSearches(db),
    saveSearch: (name, query) => write(() => saveSearch(db, { id: newId(), name, query, now: now() })),
    deleteSavedSearch: (id) => write(() => deleteSavedSearch(db, id)),
  };
}

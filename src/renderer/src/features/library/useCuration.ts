import { useCallback, useState } from 'react';
import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import type { ImageSearch } from './useImageSearch.ts';

export interface Curation {
  setFavorite: (ids: readonly string[], favorite: boolean) => Promise<boolean>;
  setRating: (ids: readonly string[], rating: number) => Promise<boolean>;
  addTags: (ids: readonly string[], tags: readonly string[]) => Promise<boolean>;
  removeTags: (ids: readonly string[], tags: readonly string[]) => Promise<boolean>;
  trash: (ids: readonly string[]) => Promise<boolean>;
  restore: (ids: readonly string[]) => Promise<boolean>;
  addToCollection: (collectionId: string, ids: readonly string[]) => Promise<boolean>;
  removeFromCollection: (collectionId: string, ids: readonly string[]) => Promise<boolean>;
  /** Purges trashed images now (the trash's "delete forever"). */
  deleteForever: (ids: readonly string[]) => Promise<boolean>;
  emptyTrash: () => Promise<number | null>;
  error: ApiError | null;
  clearError: () => void;
}

interface Deps {
  search: ImageSearch;
  query: ImageQuery;
  /** Collections' counts and the tag list move with these actions. */
  onCollectionsChanged: () => void;
  onTagsChanged: () => void;
}

const asList = (ids: readonly string[]): string[] => [...ids];

type Run = (action: () => Promise<unknown>, after: () => void) => Promise<boolean>;

/** Trash, restore and delete forever: each takes the images out of the list shown and moves collection counts. */
const useLeavingAction = (route: 'images.trash' | 'images.restore' | 'images.delete_forever', run: Run, remove: (ids: readonly string[]) => void, onCollectionsChanged: () => void) =>
  useCallback(
    (ids: readonly string[]) =>
      run(
        () => call(route, { ids: asList(ids) }),
        () => {
          remove(ids);
          onCollectionsChanged();
        },
      ),
    [route, run, remove, onCollectionsChanged],
  );

/** Empties the trash; the list reloads when it is the trash being shown. Resolves to how many were purged, or null. */
const useEmptyTrash = (showingTrash: boolean, reload: () => void, setError: (error: ApiError | null) => void) =>
  useCallback(async () => {
    try {
      const { purged } = await call('trash.empty', {});
      setError(null);
      if (showingTrash) reload();
      return purged;
    } catch (e) {
      setError(toApiError(e));
      return null;
    }
  }, [showingTrash, reload, setError]);

/**
 * Every curation action: main first, then the loaded list is patched to match, so a tile changes the moment main
 * says yes without reloading 100k rows. An image that no longer matches the query (unfavourited in Favorites,
 * trashed from the library, restored from the trash) leaves the list, as it would on the next search.
 */
export const useCuration = ({ search, query, onCollectionsChanged, onTagsChanged }: Deps): Curation => {
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async (action: () => Promise<unknown>, after: () => void): Promise<boolean> => {
    try {
      await action();
      setError(null);
      after();
      return true;
    } catch (e) {
      setError(toApiError(e));
      return false;
    }
  }, []);

  const { patch, remove, reload } = search;
  // The count only moves when images leave the results, and remove() already takes them off it.
  const settle = useCallback(
    (ids: readonly string[], leaves: boolean) => {
      if (leaves) remove(ids);
    },
    [remove],
  );

  const setFavorite = useCallback(
    (ids: readonly string[], favorite: boolean) =>
      run(
        () => call('images.set_favorite', { ids: asList(ids), favorite }),
        () => {
          patch(ids, { favorite });
          settle(ids, query.favorite === true && !favorite);
        },
      ),
    [run, patch, settle, query.favorite],
  );

  const setRating = useCallback(
    (ids: readonly string[], rating: number) =>
      run(
        () => call('images.set_rating', { ids: asList(ids), rating }),
        () => {
          patch(ids, { rating });
          settle(ids, query.minRating !== undefined && rating < query.minRating);
        },
      ),
    [run, patch, settle, query.minRating],
  );

  const addTags = useCallback(
    (ids: readonly string[], tags: readonly string[]) => run(() => call('images.add_tags', { ids: asList(ids), tags: asList(tags) }), onTagsChanged),
    [run, onTagsChanged],
  );

  const removeTags = useCallback(
    (ids: readonly string[], tags: readonly string[]) =>
      run(
        () => call('images.remove_tags', { ids: asList(ids), tags: asList(tags) }),
        () => {
          onTagsChanged();
          settle(ids, (query.tags ?? []).some((t) => tags.includes(t)));
        },
      ),
    [run, settle, onTagsChanged, query.tags],
  );

  const trash = useLeavingAction('images.trash', run, remove, onCollectionsChanged);

  const restore = useLeavingAction('images.restore', run, remove, onCollectionsChanged);

  const deleteForever = useLeavingAction('images.delete_forever', run, remove, onCollectionsChanged);

  const addToCollection = useCallback(
    (collectionId: string, ids: readonly string[]) => run(() => call('collections.add_images', { id: collectionId, imageIds: asList(ids) }), onCollectionsChanged),
    [run, onCollectionsChanged],
  );

  const removeFromCollection = useCallback(
    (collectionId: string, ids: readonly string[]) =>
      run(
        () => call('collections.remove_images', { id: collectionId, imageIds: asList(ids) }),
        () => {
          onCollectionsChanged();
          settle(ids, query.collectionId === collectionId);
        },
      ),
    [run, settle, onCollectionsChanged, query.collectionId],
  );

  const emptyTrash = useEmptyTrash(query.inTrash === true, reload, setError);

  const clearError = useCallback(() => setError(null), []);

  return { setFavorite, setRating, addTags, removeTags, trash, restore, deleteForever, addToCollection, removeFromCollection, emptyTrash, error, clearError };
};

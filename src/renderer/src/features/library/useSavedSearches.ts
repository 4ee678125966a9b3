import { useCallback, useEffect, useState } from 'react';
import type { ImageQuery, SavedSearch } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, toApiError } from '../../api.ts';

export interface SavedSearchesState {
  searches: readonly SavedSearch[];
  error: ApiError | null;
  save: (name: string, query: ImageQuery) => Promise<SavedSearch | null>;
  remove: (id: string) => Promise<void>;
}

/** Smart collections: a named query, run afresh each time it is opened. */
export const useSavedSearches = (): SavedSearchesState => {
  const [searches, setSearches] = useState<readonly SavedSearch[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(() => {
    call('searches.list', {}).then(
      (r) => setSearches(r.searches),
      (e: unknown) => setError(toApiError(e)),
    );
  }, []);

  useEffect(reload, [reload]);

  const save = useCallback(
    async (name: string, query: ImageQuery) => {
      try {
        const saved = await call('searches.save', { name, query });
        setError(null);
        reload();
        return saved;
      } catch (e) {
        setError(toApiError(e));
        return null;
      }
    },
    [reload],
  );

  const remove = useCallback(
    async (id: string) => {
      try {
        await call('searches.delete', { id });
        setError(null);
        setSearches((list) => list.filter((s) => s.id !== id));
      } catch (e) {
        setError(toApiError(e));
      }
    },
    [],
  );

  return { searches, error, save, remove };
};

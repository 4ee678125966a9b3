import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ImageQuery, SavedSearch } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, toApiError } from '../../api.ts';

export interface SavedSearchesState {
  searches: readonly SavedSearch[];
  error: ApiError | null;
  save: (name: string, query: ImageQuery) => Promise<SavedSearch | null>;
  remove: (id: string) => Promise<void>;
}

const SEARCHES = ['searches'] as const;
const NONE: readonly SavedSearch[] = [];

/** Smart collections: a named query, run afresh each time it is opened. */
export const useSavedSearches = (): SavedSearchesState => {
  const client = useQueryClient();
  const list = useQuery({ queryKey: SEARCHES, queryFn: () => call('searches.list', {}).then((r) => r.searches) });
  const [actionError, setActionError] = useState<ApiError | null>(null);

  const save = useCallback(
    async (name: string, query: ImageQuery) => {
      try {
        const saved = await call('searches.save', { name, query });
        setActionError(null);
        void client.invalidateQueries({ queryKey: SEARCHES });
        return saved;
      } catch (e) {
        setActionError(toApiError(e));
        return null;
      }
    },
    [client],
  );

  const remove = useCallback(
    async (id: string) => {
      try {
        await call('searches.delete', { id });
        setActionError(null);
        client.setQueryData<readonly SavedSearch[]>(SEARCHES, (searches) => searches?.filter((s) => s.id !== id));
      } catch (e) {
        setActionError(toApiError(e));
      }
    },
    [client],
  );

  const error = actionError ?? (list.error ? toApiError(list.error) : null);
  return { searches: list.data ?? NONE, error, save, remove };
};

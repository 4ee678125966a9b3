import { useCallback, useEffect, useRef, useState } from 'react';
import type { Catalog } from '../../../../shared/ipc/schemas/catalog.ts';
import { type ApiError, call, toApiError } from '../../api.ts';

export interface CatalogState {
  /** The cached catalogue (null until main first answers); it works offline. */
  catalog: Catalog | null;
  refreshing: boolean;
  /** Why the last refresh failed; the cached list stays usable. */
  error: ApiError | null;
  refresh: () => void;
}

const EMPTY: Catalog = { models: [], styles: [], traits: {}, fetchedAt: null };

export const useCatalog = (): CatalogState => {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);

  const refresh = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    setRefreshing(true);
    setError(null);
    call('models.list', { refresh: true })
      .then(setCatalog, (e: unknown) => setError(toApiError(e)))
      .finally(() => {
        busy.current = false;
        setRefreshing(false);
      });
  }, []);

  useEffect(() => {
    let live = true;
    call('models.list', {}).then(
      (cached) => {
        if (!live) return;
        setCatalog(cached);
        // Never fetched (first start, or the first start was offline): ask Venice now rather than show nothing.
        if (cached.fetchedAt === null) refresh();
      },
      (e: unknown) => {
        if (!live) return;
        setCatalog(EMPTY);
        setError(toApiError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [refresh]);

  return { catalog, refreshing, error, refresh };
};

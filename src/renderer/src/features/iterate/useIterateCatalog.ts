import { useEffect, useState } from 'react';
import type { RouteOutput } from '../../../../shared/ipc/contract.ts';
import { type ApiError, call, toApiError } from '../../api.ts';

type Catalog = RouteOutput<'iterate.catalog'>;

export interface IterateCatalogState {
  catalog: Catalog | null;
  error: ApiError | null;
}

/**
 * The edit models and the prices of upscale and background removal: the cached copy (it works offline), which main
 * refreshes from Venice when it is a day old. Asking is free; nothing is sent that costs money.
 */
export const useIterateCatalog = (): IterateCatalogState => {
  const [state, setState] = useState<IterateCatalogState>({ catalog: null, error: null });
  useEffect(() => {
    let current = true;
    call('iterate.catalog', { refresh: true }).then(
      (catalog) => current && setState({ catalog, error: null }),
      (e: unknown) => current && setState((s) => ({ ...s, error: toApiError(e) })),
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
};

import { useCallback, useEffect, useState } from 'react';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, subscribe, toApiError } from '../../api.ts';
import { useDebouncedCallback } from '../../hooks/useDebouncedCallback.ts';

export interface CollectionsState {
  collections: readonly Collection[];
  error: ApiError | null;
  reload: () => void;
  create: (name: string) => Promise<Collection | null>;
  rename: (id: string, name: string) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
}

/** Manual collections, with their counts; asked again whenever images change (counts move with trash and adds). */
export const useCollections = (): CollectionsState => {
  const [collections, setCollections] = useState<readonly Collection[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(() => {
    call('collections.list', {}).then(
      (r) => {
        setCollections(r.collections);
        setError(null);
      },
      (e: unknown) => setError(toApiError(e)),
    );
  }, []);

  const reloadSoon = useDebouncedCallback(reload, 300);
  useEffect(() => {
    reload();
    return subscribe('images.changed', reloadSoon);
  }, [reload, reloadSoon]);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | null> => {
      try {
        const result = await action();
        setError(null);
        reload();
        return result;
      } catch (e) {
        setError(toApiError(e));
        return null;
      }
    },
    [reload],
  );

  const create = useCallback((name: string) => run(() => call('collections.create', { name })), [run]);
  const rename = useCallback(async (id: string, name: string) => (await run(() => call('collections.rename', { id, name }))) !== null, [run]);
  const remove = useCallback(async (id: string) => (await run(() => call('collections.delete', { id }))) !== null, [run]);

  return { collections, error, reload, create, rename, remove };
};

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import { useInvalidateOn } from '../../hooks/useInvalidateOn.ts';

export interface CollectionsState {
  collections: readonly Collection[];
  error: ApiError | null;
  reload: () => void;
  create: (name: string) => Promise<Collection | null>;
  rename: (id: string, name: string) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
}

const COLLECTIONS = ['collections'] as const;
const NONE: readonly Collection[] = [];

/** Manual collections, with their counts; asked again whenever images change (counts move with trash and adds). */
export const useCollections = (): CollectionsState => {
  const client = useQueryClient();
  const list = useQuery({ queryKey: COLLECTIONS, queryFn: () => call('collections.list', {}).then((r) => r.collections) });
  const [failed, setFailed] = useState<{ error: ApiError; at: number } | null>(null);
  useInvalidateOn('images.changed', COLLECTIONS);

  const reload = useCallback(() => void client.invalidateQueries({ queryKey: COLLECTIONS }), [client]);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | null> => {
      try {
        const result = await action();
        setFailed(null);
        reload();
        return result;
      } catch (e) {
        setFailed({ error: toApiError(e), at: Date.now() });
        return null;
      }
    },
    [reload],
  );

  const create = useCallback((name: string) => run(() => call('collections.create', { name })), [run]);
  const rename = useCallback(async (id: string, name: string) => (await run(() => call('collections.rename', { id, name }))) !== null, [run]);
  const remove = useCallback(async (id: string) => (await run(() => call('collections.delete', { id }))) !== null, [run]);

  // A failed action shows until the list is read again successfully; a failed read until a read succeeds.
  const actionError = failed && failed.at >= list.dataUpdatedAt ? failed.error : null;
  const error = actionError ?? (list.error ? toApiError(list.error) : null);
  return { collections: list.data ?? NONE, error, reload, create, rename, remove };
};

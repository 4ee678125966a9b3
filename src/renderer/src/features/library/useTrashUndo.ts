import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ApiError, call, toApiError } from '../../api.ts';
import type { Curation } from './useCuration.ts';

/** How long "Moved to the trash — Undo" stays; long enough to notice a slip, short enough not to linger. */
const UNDO_MS = 10_000;

export interface TrashUndo {
  /** The curation actions, with `trash` offering an undo afterwards (bulk bar, Delete/X keys, the viewer). */
  curation: Curation;
  /** The last move to the trash that can still be undone. */
  pending: { ids: readonly string[] } | null;
  undo: () => Promise<void>;
  dismiss: () => void;
  error: ApiError | null;
}

/**
 * Every move to the trash is answered by an Undo toast. Undo restores exactly those images (from any view) and
 * reloads the results so they are back where they were.
 */
export const useTrashUndo = (curation: Curation, reload: () => void): TrashUndo => {
  const [pending, setPending] = useState<{ ids: readonly string[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const withUndo = useMemo<Curation>(
    () => ({
      ...curation,
      trash: async (ids) => {
        const ok = await curation.trash(ids);
        if (ok) setPending({ ids: [...ids] });
        return ok;
      },
    }),
    [curation],
  );

  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setPending(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [pending]);

  const undo = useCallback(async () => {
    if (!pending) return;
    setPending(null);
    try {
      await call('images.restore', { ids: [...pending.ids] });
      setError(null);
      reload();
    } catch (e) {
      setError(toApiError(e));
    }
  }, [pending, reload]);

  return { curation: withUndo, pending, undo, dismiss: useCallback(() => setPending(null), []), error };
};

import { useCallback, useEffect, useState } from 'react';
import type { BackupInfoView } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, toApiError } from '../../api.ts';

/**
 * The database backups, newest first, each checked by main (integrity_check, image count); null while loading, and
 * until `wanted` (a hidden Settings pane asks nothing: a new backup's first check reads the whole file).
 */
export function useBackups(wanted = true): { backups: BackupInfoView[] | null; error: ApiError | null; reload: () => void } {
  const [backups, setBackups] = useState<BackupInfoView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(() => {
    call('library.list_backups', {}).then(
      (r) => {
        setError(null);
        setBackups(r.backups);
      },
      (e: unknown) => setError(toApiError(e)),
    );
  }, []);
  useEffect(() => {
    if (wanted) reload();
  }, [reload, wanted]);
  return { backups, error, reload };
}

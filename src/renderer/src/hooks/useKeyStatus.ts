import { useCallback, useEffect, useState } from 'react';
import type { KeyStatus } from '../../../shared/ipc/schemas/settings.ts';
import { type ApiError, call, toApiError } from '../api.ts';

export interface KeyStatusState {
  /** null until the first answer arrives. */
  status: KeyStatus | null;
  /** Why the status could not be read (e.g. KEYCHAIN_UNAVAILABLE). */
  error: ApiError | null;
  refresh: () => void;
  /** Settings already gets the new status back from set/clear; no second round trip needed. */
  update: (status: KeyStatus) => void;
}

type Answer = { status: KeyStatus | null; error: ApiError | null };

const fetchStatus = (): Promise<KeyStatus> => call('settings.get_key_status', {});

export const useKeyStatus = (): KeyStatusState => {
  const [answer, setAnswer] = useState<Answer>({ status: null, error: null });

  const update = useCallback((status: KeyStatus) => setAnswer({ status, error: null }), []);
  // On failure the last known status stays: an unreachable keychain does not mean the key is gone.
  const fail = useCallback((e: unknown) => setAnswer((a) => ({ status: a.status, error: toApiError(e) })), []);
  const refresh = useCallback(() => void fetchStatus().then(update, fail), [update, fail]);

  useEffect(() => {
    let live = true;
    fetchStatus().then(
      (status) => live && update(status),
      (e: unknown) => live && fail(e),
    );
    return () => {
      live = false;
    };
  }, [update, fail]);

  return { ...answer, refresh, update };
};

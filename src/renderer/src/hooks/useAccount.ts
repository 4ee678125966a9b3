import { useEffect, useState } from 'react';
import type { AccountStatus } from '../../../shared/ipc/schemas/catalog.ts';
import { call, subscribe } from '../api.ts';

/** Balance, today's spend and whether Venice is reachable; null until main first answers. */
export const useAccount = (): AccountStatus | null => {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  useEffect(() => {
    let live = true;
    // Subscribe first: a change pushed while the first answer is on its way must not be lost behind it.
    let pushed = false;
    const unsubscribe = subscribe('account.changed', (next) => {
      pushed = true;
      setStatus(next);
    });
    call('account.get_status', {}).then(
      (first) => live && !pushed && setStatus(first),
      // Nothing to show is better than a wrong number; the footer simply stays empty.
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return status;
};

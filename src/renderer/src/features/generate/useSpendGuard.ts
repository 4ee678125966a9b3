import { useCallback, useState } from 'react';
import { DEFAULT_SPEND_LIMIT_USD } from '../../../../shared/spending.ts';
import { call } from '../../api.ts';

export interface PendingSpend {
  /** The batch's estimated price and the limit it is above. */
  totalUsd: number;
  limitUsd: number;
}

/**
 * Asks before a batch whose estimated price is above the user's limit (Settings; $1 unless changed). The limit is
 * read at each press, so a change in Settings counts at once; if it cannot be read, the default applies: better
 * one question too many than a costly batch sent unasked. A price the catalogue does not know is not asked about
 * (the form already says the price is unknown).
 */
export const useSpendGuard = () => {
  const [pending, setPending] = useState<(PendingSpend & { proceed: () => unknown }) | null>(null);

  /** Resolves when `proceed` has run (and what it returned has settled), or when the question is up. */
  const guard = useCallback(async (totalUsd: number | null, proceed: () => unknown): Promise<void> => {
    if (totalUsd === null) return void (await proceed());
    const limitUsd = await call('settings.get_preferences', {}).then(
      (prefs) => prefs.spendLimitUsd,
      () => DEFAULT_SPEND_LIMIT_USD,
    );
    if (totalUsd <= limitUsd) return void (await proceed());
    setPending({ totalUsd, limitUsd, proceed });
  }, []);

  const confirm = useCallback(() => {
    setPending((current) => {
      current?.proceed();
      return null;
    });
  }, []);

  return { pending, guard, confirm, cancel: useCallback(() => setPending(null), []) };
};

import { useCallback, useRef, useState } from 'react';
import { DEFAULT_SPEND_LIMIT_USD } from '../../../../shared/spending.ts';
import { call } from '../../api.ts';

export interface PendingSpend {
  /** The batch's estimated price and the limit it is above. */
  totalUsd: number;
  limitUsd: number;
}

type Send = () => Promise<unknown>;

/** The limit from Settings; the default if it cannot be read: better one question too many than a costly batch sent unasked. */
const readLimit = (): Promise<number> =>
  call('settings.get_preferences', {}).then(
    (prefs) => prefs.spendLimitUsd,
    () => DEFAULT_SPEND_LIMIT_USD,
  );

/**
 * Every paid send from the window goes through here: one submission at a time, and a question before one whose
 * estimated price is above the user's limit (Settings; $1 unless changed). A price the catalogue does not know is not
 * asked about (the form already says the price is unknown).
 *
 * A submission starts at the press: reading the limit (from main, so a change in Settings counts at once) and the send
 * are one. Presses meanwhile send nothing, and neither do presses while the question is up. Without this, a double
 * click during the read passed twice and could queue two paid jobs. The lock is a ref, because two presses in one tick
 * come before any render; `busy` is the same lock for the form to show, minus the time the question is up.
 */
export const useSpendGuard = () => {
  const [pending, setPending] = useState<PendingSpend | null>(null);
  const [busy, setBusy] = useState(false);
  const held = useRef(false);
  // The send the open question would make. Kept out of state: running it inside a state update would run it twice
  // under StrictMode.
  const waiting = useRef<Send | null>(null);

  const release = useCallback(() => {
    held.current = false;
    setBusy(false);
  }, []);

  const run = useCallback(
    async (send: Send) => {
      setBusy(true);
      try {
        await send();
      } finally {
        release();
      }
    },
    [release],
  );

  /** Resolves once sent, once the question is up, or at once when a submission is already under way. */
  const submit = useCallback(
    async (totalUsd: number | null, send: Send): Promise<void> => {
      if (held.current) return;
      held.current = true;
      setBusy(true);
      if (totalUsd === null) return run(send);
      const limitUsd = await readLimit();
      if (totalUsd <= limitUsd) return run(send);
      // The question holds further presses until it is answered.
      waiting.current = send;
      setBusy(false);
      setPending({ totalUsd, limitUsd });
    },
    [run],
  );

  const confirm = useCallback(() => {
    const send = waiting.current;
    waiting.current = null;
    setPending(null);
    if (send) void run(send);
  }, [run]);

  const cancel = useCallback(() => {
    waiting.current = null;
    setPending(null);
    release();
  }, [release]);

  return { pending, busy, submit, confirm, cancel };
};

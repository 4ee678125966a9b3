import { useEffect, useState } from 'react';

/**
 * Date.now(), refreshed at once and then every second while `anchor` is set (a new anchor restarts it): `now` may be
 * old when an anchor arrives after a quiet spell.
 */
const useTickingNow = (anchor: number | null): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (anchor === null) return;
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 1000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [anchor]);
  return now;
};

/** Whole seconds since `since`, ticking once a second; 0 when `since` is null (a stale `now` clamps to 0 too). */
export const useElapsedSeconds = (since: number | null): number => {
  const now = useTickingNow(since);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
};

/** Whole seconds left until `until` (rounded up), ticking once a second; 0 when it is null or has passed. */
export const useSecondsUntil = (until: number | null): number => {
  const now = useTickingNow(until);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
};

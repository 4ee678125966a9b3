import { useEffect, useState } from 'react';

/** Whole seconds left until `until` (rounded up), ticking once a second; 0 when it is null or has passed. */
export const useSecondsUntil = (until: number | null): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const tick = () => setNow(Date.now());
    // `now` may be old when a deadline arrives after a quiet spell: refresh it at once, then every second.
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 1000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
};

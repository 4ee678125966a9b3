import { useEffect, useState } from 'react';

/** Whole seconds since `since`, ticking once a second; 0 when `since` is null (a stale `now` clamps to 0 too). */
export const useElapsedSeconds = (since: number | null): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
};

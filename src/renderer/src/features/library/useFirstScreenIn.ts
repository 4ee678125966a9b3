import { useEffect, useState } from 'react';
import { isWarm, onWarm } from './thumbWarmth.ts';

/** However slow the thumbnails, the rest of the grid's requests wait no longer than this. */
const CAP_MS = 1000;

/**
 * True once the thumbnails of the first screen are in (or CAP_MS after they were first wanted), and again false for
 * each new set of results (`generation`). Until then the grid asks main for no page it can do without: main answers one
 * request at a time, and at a million images with a cold disk the next 400 rows held the first screen's thumbnails
 * back by 0.3–0.7 s.
 */
export const useFirstScreenIn = (ids: readonly string[], generation: number): boolean => {
  const [inFor, setInFor] = useState<number | null>(null);
  const settled = inFor === generation;
  const key = ids.join(' ');
  useEffect(() => {
    if (settled || key === '') return undefined;
    const wanted = key.split(' ');
    const done = () => setInFor(generation);
    const check = (): boolean => {
      if (!wanted.every(isWarm)) return false;
      done();
      return true;
    };
    if (check()) return undefined;
    const unsubscribes = wanted.filter((id) => !isWarm(id)).map((id) => onWarm(id, check));
    const timer = setTimeout(done, CAP_MS);
    return () => {
      clearTimeout(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [settled, key, generation]);
  return settled;
};

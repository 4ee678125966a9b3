import { useEffect, useState } from 'react';
import { whenIdle } from '../lib/idle.ts';
import { VIEWS, type View } from './views.ts';

/**
 * The views not shown yet are mounted in an idle moment no sooner than this after start. An idle callback alone came
 * too early: a cold start's window is briefly idle while the first thumbnails are read from disk, and the other views'
 * first render then landed before the grid's first row.
 */
const SETTLE_MS = 2000;
/** However busy the window, they are mounted by this long after that, so a first switch to one is instant too. */
const IDLE_TIMEOUT_MS = 3000;

/**
 * Which views are mounted: the one shown first, then each as it is shown, and all of them once start-up has settled.
 * Once mounted, a view stays (a prompt being written, a generation in flight and the library's scroll position survive
 * switching). Mounting only the shown view first keeps the others' first render, and their requests to main, out of a
 * cold start.
 */
export const useMountedViews = (view: View): ReadonlySet<View> => {
  const [mounted, setMounted] = useState<ReadonlySet<View>>(() => new Set([view]));
  if (!mounted.has(view)) setMounted(new Set([...mounted, view]));
  useEffect(() => {
    let cancelIdle = () => {};
    const settled = setTimeout(() => {
      cancelIdle = whenIdle(() => setMounted(new Set(VIEWS)), IDLE_TIMEOUT_MS);
    }, SETTLE_MS);
    return () => {
      clearTimeout(settled);
      cancelIdle();
    };
  }, []);
  return mounted;
};

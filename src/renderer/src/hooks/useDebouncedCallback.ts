import { useCallback, useEffect, useRef } from 'react';

/** `fn`, run once after calls stop for `ms`: a burst of change events (a bulk edit of 500 images) asks main once. */
export const useDebouncedCallback = (fn: () => void, ms: number): (() => void) => {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  }, [fn]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  }, [ms]);
};

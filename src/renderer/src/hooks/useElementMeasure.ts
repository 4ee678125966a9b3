import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * What `measure` reads from the element, now and again whenever it resizes (the window, the panels around it).
 * `measure` is a module-level function: a new one each render would observe the element afresh each render.
 */
export const useElementMeasure = <T>(ref: RefObject<HTMLElement | null>, measure: (el: HTMLElement) => T, initial: T): T => {
  const [value, setValue] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setValue(measure(el));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, measure]);
  return value;
};

/** The element's inner box with its padding (clientWidth × clientHeight). */
export const clientSize = (el: HTMLElement): { w: number; h: number } => ({ w: el.clientWidth, h: el.clientHeight });

import { type RefObject, useLayoutEffect, useState } from 'react';

const PADDING = 16;

/**
 * The largest box of `ratio` (width / height) that fits in the element, kept current as it resizes: both images of a
 * before/after comparison are drawn into this one box, so their pixels line up whatever their own sizes.
 */
export const useFittedBox = (ref: RefObject<HTMLElement | null>, ratio: number): { width: number; height: number } => {
  const [space, setSpace] = useState({ w: 0, h: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSpace({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  const w = Math.max(0, space.w - 2 * PADDING);
  const h = Math.max(0, space.h - 2 * PADDING);
  if (w === 0 || h === 0) return { width: 0, height: 0 };
  return w / h > ratio ? { width: Math.round(h * ratio), height: h } : { width: w, height: Math.round(w / ratio) };
};

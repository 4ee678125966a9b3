import type { RefObject } from 'react';
import { clientSize, useElementMeasure } from '../../hooks/useElementMeasure.ts';

const PADDING = 16;
const NO_SPACE = { w: 0, h: 0 };

/**
 * The largest box of `ratio` (width / height) that fits in the element, kept current as it resizes: both images of a
 * before/after comparison are drawn into this one box, so their pixels line up whatever their own sizes.
 */
export const useFittedBox = (ref: RefObject<HTMLElement | null>, ratio: number): { width: number; height: number } => {
  const space = useElementMeasure(ref, clientSize, NO_SPACE);
  const w = Math.max(0, space.w - 2 * PADDING);
  const h = Math.max(0, space.h - 2 * PADDING);
  if (w === 0 || h === 0) return { width: 0, height: 0 };
  return w / h > ratio ? { width: Math.round(h * ratio), height: h } : { width: w, height: Math.round(w / ratio) };
};

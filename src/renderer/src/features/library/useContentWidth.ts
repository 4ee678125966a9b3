import type { RefObject } from 'react';
import { useElementMeasure } from '../../hooks/useElementMeasure.ts';

const contentWidth = (el: HTMLElement): number => {
  const style = getComputedStyle(el);
  return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
};

/** The element's inner width (without padding), kept current as the window or the panels around it resize. */
export const useContentWidth = (ref: RefObject<HTMLElement | null>): number => useElementMeasure(ref, contentWidth, 0);

import { type RefObject, useEffect } from 'react';
import { GRID_GAP, type GridLayout } from './gridLayout.ts';
import { handOffPrepaint, measurePrepaint, savePrepaint } from './prepaint.ts';

/** Resizes settle before the place is measured: a drag of the window's edge is one change. */
const SETTLE_MS = 800;

/**
 * The grid's part in the prepaint (prepaint.ts): it takes over from the painted picture once its own first
 * row shows, and, showing the list the window opens on (`opening`), tells main where its first tiles sit.
 */
export const usePrepaint = (scroller: RefObject<HTMLElement | null>, layout: GridLayout, laidOut: boolean, opening: boolean): void => {
  useEffect(() => {
    if (laidOut && scroller.current) handOffPrepaint(scroller.current);
  }, [scroller, laidOut]);

  const { columns, tile, pitch } = layout;
  useEffect(() => {
    const el = scroller.current;
    if (!opening || !laidOut || !el) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The grid's box changes with the window, the panels beside it and a notice above it: each moves its first tiles.
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A view hidden meanwhile has no box to measure; what was stored stays.
        if (el.clientWidth > 0 && el.clientHeight > 0) savePrepaint(measurePrepaint(el, { columns, tile, pitch }, GRID_GAP));
      }, SETTLE_MS);
    });
    observer.observe(el);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [scroller, opening, laidOut, columns, tile, pitch]);
};

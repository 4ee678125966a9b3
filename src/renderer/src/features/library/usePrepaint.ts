import { type RefObject, useEffect } from 'react';
import { GRID_GAP, type GridLayout } from './gridLayout.ts';
import { handOffPrepaint, measurePrepaint, savePrepaint } from './prepaint.ts';

/** Resizes and layout changes settle before the place is measured: a drag of the window's edge is one change. */
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
    if (!opening || !laidOut) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const measureSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (scroller.current) savePrepaint(measurePrepaint(scroller.current, { columns, tile, pitch }, GRID_GAP));
      }, SETTLE_MS);
    };
    measureSoon();
    window.addEventListener('resize', measureSoon);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('resize', measureSoon);
    };
  }, [scroller, opening, laidOut, columns, tile, pitch]);
};

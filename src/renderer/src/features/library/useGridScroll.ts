import { type Virtualizer, useVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useEffect, useRef } from 'react';
import type { GridLayout } from './gridLayout.ts';

/** Rows rendered beyond the visible ones each way: enough for a fast wheel flick, few enough to keep the DOM small. */
const OVERSCAN_ROWS = 3;

export type GridVirtualizer = Virtualizer<HTMLDivElement, Element>;

interface Rows {
  scroller: RefObject<HTMLDivElement | null>;
  layout: GridLayout;
  /** The grid's inner width; zero while the library view is hidden, and then no rows. */
  width: number;
  /** Every scroll position, for the fling detector. */
  onScroll: (scrollTop: number) => void;
  /** Changes when a new query's results arrive: back to the top. */
  generation: number;
}

/** The grid's rows, virtualised: their sizes follow the layout, and a new query's results start at the top. */
export const useGridVirtualizer = ({ scroller, layout, width, onScroll, generation }: Rows): GridVirtualizer => {
  // oxlint-disable-next-line react/incompatible-library -- TanStack Virtual returns a mutable instance; this app does not run the React Compiler.
  const virtualizer = useVirtualizer({
    count: width > 0 ? layout.rows : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => layout.pitch,
    overscan: OVERSCAN_ROWS,
    onChange: (instance) => onScroll(instance.scrollOffset ?? 0),
  });

  // A new size means new rows: every row's cached size is stale at once.
  useEffect(() => virtualizer.measure(), [virtualizer, layout.rowHeight, layout.columns]);
  useEffect(() => virtualizer.scrollToOffset(0), [virtualizer, generation]);
  return virtualizer;
};

interface Targets {
  columns: number;
  /** Index in all the results of the loaded run's first. */
  offset: number;
  /** The keyboard cursor, as an index into the loaded run. */
  cursor: number;
  /** An image to bring into the middle of the view (the viewer closed on it); a new object each time. */
  reveal: { index: number } | null;
}

/** Scrolls to what the user moved to without scrolling: the keyboard cursor, and the image the viewer closed on. */
export const useGridScrollTargets = (virtualizer: GridVirtualizer, { columns, offset, cursor, reveal }: Targets): void => {
  // The cursor moved by keyboard: bring its row into view.
  const cursorRow = cursor >= 0 ? Math.floor((offset + cursor) / columns) : -1;
  useEffect(() => {
    if (cursorRow >= 0) virtualizer.scrollToIndex(cursorRow, { align: 'auto' });
  }, [virtualizer, cursorRow]);

  // Back from the viewer: its last image in the middle, clear of the bulk bar at the bottom edge.
  // Read, not depended on: only a new reveal moves the grid, not a page loading above it.
  const offsetNow = useRef(offset);
  useEffect(() => {
    offsetNow.current = offset;
  }, [offset]);
  useEffect(() => {
    if (reveal && reveal.index >= 0) virtualizer.scrollToIndex(Math.floor((offsetNow.current + reveal.index) / columns), { align: 'center' });
  }, [virtualizer, reveal, columns]);
};

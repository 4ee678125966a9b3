/** Thumbnail edge bounds for the size slider, in CSS pixels. */
export const THUMB_MIN = 96;
export const THUMB_MAX = 320;
export const THUMB_DEFAULT = 168;
/** Between tiles, across and down (grid.css's row gap matches it). */
export const GRID_GAP = 10;

export interface GridLayout {
  columns: number;
  /** The tile's actual edge: the slider's size stretched so the columns fill the width exactly. */
  tile: number;
  /** One row's height including its caption, without the gap. */
  rowHeight: number;
  /** From one row's top to the next one's: the row and the gap. */
  pitch: number;
  rows: number;
}

/**
 * How many columns of about `thumb` pixels fit in `width`, and the rows `count` tiles need. Tiles stretch a little
 * so there is no ragged gap at the right edge, which is how photo apps behave.
 */
export const gridLayout = (width: number, thumb: number, count: number, captionHeight = 0, gap = GRID_GAP): GridLayout => {
  const usable = Math.max(0, width);
  const columns = Math.max(1, Math.floor((usable + gap) / (thumb + gap)));
  const tile = Math.max(1, Math.floor((usable - gap * (columns - 1)) / columns));
  return { columns, tile, rowHeight: tile + captionHeight, pitch: tile + captionHeight + gap, rows: Math.ceil(count / columns) };
};

/**
 * How many tiles the grid lays out for a loaded run of `loaded` results starting at `offset`: counted-but-unloaded
 * results get placeholder tiles, and at least one more while more pages exist.
 */
export const tilesToLayOut = (offset: number, loaded: number, hasMore: boolean, total: number | null): number =>
  hasMore || offset > 0 ? Math.max(offset + loaded + (hasMore ? 1 : 0), total ?? 0) : loaded;

/** The first and last tile on screen, as indexes into all the results, for a scroll position and the view's height. */
export const visibleTiles = (layout: GridLayout, scrollTop: number, viewHeight: number, shown: number): { first: number; last: number } => ({
  first: Math.floor(scrollTop / layout.pitch) * layout.columns,
  last: Math.min(shown, Math.ceil((scrollTop + viewHeight) / layout.pitch) * layout.columns) - 1,
});

export const clampThumb = (n: number): number => (Number.isFinite(n) ? Math.min(THUMB_MAX, Math.max(THUMB_MIN, Math.round(n))) : THUMB_DEFAULT);

/** Where an arrow, Home or End takes the keyboard cursor among `count` tiles laid out in `columns` (none yet: the first). */
export const cursorTarget = (key: string, cursor: number, count: number, columns: number): number => {
  const last = count - 1;
  if (key === 'End') return last;
  if (key === 'Home' || cursor < 0) return 0;
  const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns };
  return Math.min(last, Math.max(0, cursor + (step[key] ?? 0)));
};

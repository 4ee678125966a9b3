/** Thumbnail edge bounds for the size slider, in CSS pixels. */
export const THUMB_MIN = 96;
export const THUMB_MAX = 320;
export const THUMB_DEFAULT = 168;
export const GRID_GAP = 10;

export interface GridLayout {
  columns: number;
  /** The tile's actual edge: the slider's size stretched so the columns fill the width exactly. */
  tile: number;
  /** One row's height including its caption, without the gap. */
  rowHeight: number;
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
  return { columns, tile, rowHeight: tile + captionHeight, rows: Math.ceil(count / columns) };
};

export const clampThumb = (n: number): number => (Number.isFinite(n) ? Math.min(THUMB_MAX, Math.max(THUMB_MIN, Math.round(n))) : THUMB_DEFAULT);

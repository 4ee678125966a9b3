import { type DragEvent, type MouseEvent, memo } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Range } from '../../ui/highlight.ts';
import { type CaptionMode, GridTile, PlaceholderTile } from './GridTile.tsx';
import type { TileLabels } from './tileLabels.ts';

/** What every tile reads besides its own image: the grid hands its rows one object a render, not one per tile. */
export interface TileState {
  selected: ReadonlySet<string>;
  /** The keyboard cursor, as an index into the loaded run. */
  cursor: number;
  flinging: boolean;
  caption: CaptionMode;
  highlights: ReadonlyMap<string, readonly Range[]>;
  retentionDays: number | null;
  now: number;
  onTileClick: (e: MouseEvent, id: string, index: number) => void;
  onOpen: (id: string) => void;
  onDragStart: (e: DragEvent, id: string) => void;
  /** What every tile says, translated once for the grid (tileLabels.ts). */
  labels: TileLabels;
}

interface Props {
  /** Index of the row's first tile in all the results. */
  start: number;
  /** Index in all the results of `items[0]` (the loaded run). */
  offset: number;
  /** Tiles in this row (the last row may be short). */
  length: number;
  top: number;
  height: number;
  columns: number;
  tile: number;
  items: readonly ImageSummary[];
  tiles: TileState;
}

/**
 * One row of the virtual grid: loaded tiles, and placeholders for results counted but not loaded yet. Memoised: a
 * scroll that brings in a row renders that row, not again every row still in view.
 */
export const GridRow = memo(function GridRow({ start, offset, length, top, height, columns, tile, items, tiles }: Props) {
  return (
    <div
      className="lib-grid__row"
      role="presentation"
      style={{ transform: `translateY(${top}px)`, height, gridTemplateColumns: `repeat(${columns}, ${tile}px)` }}
    >
      {Array.from({ length }, (_, c) => {
        // Selection and the cursor count in the loaded run, as the rest of the library does.
        const index = start + c - offset;
        const item = index >= 0 ? items[index] : undefined;
        if (!item) return <PlaceholderTile key={`p${start + c}`} />;
        return (
          <GridTile
            key={item.id}
            item={item}
            index={index}
            selected={tiles.selected.has(item.id)}
            cursor={index === tiles.cursor}
            flinging={tiles.flinging}
            caption={tiles.caption}
            ranges={tiles.highlights.get(item.id)}
            retentionDays={tiles.retentionDays}
            now={tiles.now}
            onClick={tiles.onTileClick}
            onOpen={tiles.onOpen}
            onDragStart={tiles.onDragStart}
            labels={tiles.labels}
          />
        );
      })}
    </div>
  );
});

import type { DragEvent, MouseEvent } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Range } from '../../ui/highlight.ts';
import { type CaptionMode, GridTile, PlaceholderTile } from './GridTile.tsx';

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
  selected: ReadonlySet<string>;
  cursor: number;
  flinging: boolean;
  caption: CaptionMode;
  highlights: ReadonlyMap<string, readonly Range[]>;
  retentionDays: number | null;
  now: number;
  onTileClick: (e: MouseEvent, id: string, index: number) => void;
  onOpen: (id: string) => void;
  onDragStart: (e: DragEvent, id: string) => void;
}

/** One row of the virtual grid: loaded tiles, and placeholders for results counted but not loaded yet. */
export function GridRow(props: Props) {
  const { start, items, offset } = props;
  return (
    <div
      className="lib-grid__row"
      role="presentation"
      style={{ transform: `translateY(${props.top}px)`, height: props.height, gridTemplateColumns: `repeat(${props.columns}, ${props.tile}px)` }}
    >
      {Array.from({ length: props.length }, (_, c) => {
        // Selection and the cursor count in the loaded run, as the rest of the library does.
        const index = start + c - offset;
        const item = index >= 0 ? items[index] : undefined;
        if (!item) return <PlaceholderTile key={`p${start + c}`} />;
        return (
          <GridTile
            key={item.id}
            item={item}
            index={index}
            selected={props.selected.has(item.id)}
            cursor={index === props.cursor}
            flinging={props.flinging}
            caption={props.caption}
            ranges={props.highlights.get(item.id)}
            retentionDays={props.retentionDays}
            now={props.now}
            onClick={props.onTileClick}
            onOpen={props.onOpen}
            onDragStart={props.onDragStart}
          />
        );
      })}
    </div>
  );
}

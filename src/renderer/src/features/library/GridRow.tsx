import type { DragEvent, MouseEvent } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Range } from '../../ui/highlight.ts';
import { type CaptionMode, GridTile, PlaceholderTile } from './GridTile.tsx';

interface Props {
  /** Index of the row's first tile in the results. */
  start: number;
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
  const { start, items } = props;
  return (
    <div
      className="lib-grid__row"
      role="presentation"
      style={{ transform: `translateY(${props.top}px)`, height: props.height, gridTemplateColumns: `repeat(${props.columns}, ${props.tile}px)` }}
    >
      {Array.from({ length: props.length }, (_, c) => {
        const index = start + c;
        const item = items[index];
        if (!item) return <PlaceholderTile key={`p${index}`} />;
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

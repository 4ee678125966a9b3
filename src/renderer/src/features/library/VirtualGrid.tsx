import { useVirtualizer } from '@tanstack/react-virtual';
import { type DragEvent, type KeyboardEvent, type MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { useFling } from './useFling.ts';
import { GRID_GAP, cursorTarget, gridLayout } from './gridLayout.ts';
import type { Range } from '../../ui/highlight.ts';
import type { CaptionMode } from './GridTile.tsx';
import { GridRow } from './GridRow.tsx';
import { useContentWidth } from './useContentWidth.ts';
import { matchShortcut } from '../../shortcuts/rule.ts';
import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import type { ImageSearch } from './useImageSearch.ts';
import { useGridPaging } from './useGridPaging.ts';
import { useTimeline } from './useTimeline.ts';
import { useThumbPrefetch } from './useThumbPrefetch.ts';
import { DateScrubber } from './DateScrubber.tsx';

/** Rows rendered beyond the visible ones each way: enough for a fast wheel flick, few enough to keep the DOM small. */
const OVERSCAN_ROWS = 3;
/** Caption heights by mode (CSS keeps the text inside them). */
const CAPTION_HEIGHT: Record<CaptionMode, number> = { none: 0, prompt: 44, trashed: 40 };

interface CursorMove {
  index: number;
  /** Shift held: extend the selection from its anchor. */
  extend: boolean;
}

interface Props {
  /** The loaded run of results; `paging.offset` is the index of its first in all the results. */
  items: readonly ImageSummary[];
  paging: Pick<ImageSearch, 'offset' | 'jumping' | 'jumpTo' | 'loadBefore'>;
  query: ImageQuery;
  /** All results (images.count), so the scrollbar spans them before they are loaded; null while unknown. */
  total: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  thumbSize: number;
  caption: CaptionMode;
  highlights: ReadonlyMap<string, readonly Range[]>;
  retentionDays: number | null;
  now: number;
  selected: ReadonlySet<string>;
  /** The keyboard cursor, as an index into `items`. */
  cursor: number;
  /** An image to bring into the middle of the view (the viewer closed on it); a new object each time. */
  reveal: { index: number } | null;
  /** Changes when a new query's results arrive: back to the top. */
  generation: number;
  onTileClick: (e: MouseEvent, id: string, index: number) => void;
  onOpen: (id: string) => void;
  onDragStart: (e: DragEvent, id: string) => void;
  onCursor: (move: CursorMove) => void;
  onToggleCursor: () => void;
  label: string;
}

/**
 * The library grid, virtualised by rows: only the rows in view (plus a few) exist in the DOM, whether the results
 * hold 60 images or a million. Columns follow the width and the thumbnail-size slider.
 */
export function VirtualGrid(props: Props) {
  const { items, paging, total, hasMore, loadingMore, onLoadMore, thumbSize, caption, selected, cursor, generation } = props;
  const { offset } = paging;
  const timeline = useTimeline(props.query);
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const width = useContentWidth(scroller);

  // Counted-but-unloaded results get placeholder tiles; at least one row of them while more pages exist.
  const shown = hasMore || offset > 0 ? Math.max(offset + items.length + (hasMore ? 1 : 0), total ?? 0) : items.length;
  const layout = gridLayout(width, thumbSize, shown, CAPTION_HEIGHT[caption]);

  const { flinging, onScroll } = useFling();

  // oxlint-disable-next-line react/incompatible-library -- TanStack Virtual returns a mutable instance; this app does not run the React Compiler.
  const virtualizer = useVirtualizer({
    count: width > 0 ? layout.rows : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => layout.rowHeight + GRID_GAP,
    overscan: OVERSCAN_ROWS,
    onChange: (instance) => onScroll(instance.scrollOffset ?? 0),
  });

  // A new size means new rows: every row's cached size is stale at once.
  useEffect(() => virtualizer.measure(), [virtualizer, layout.rowHeight, layout.columns]);
  useEffect(() => virtualizer.scrollToOffset(0), [virtualizer, generation]);

  const rows = virtualizer.getVirtualItems();
  const pitch = layout.rowHeight + GRID_GAP;
  const scrollTop = virtualizer.scrollOffset ?? 0;
  const firstVisible = Math.floor(scrollTop / pitch) * layout.columns;
  const lastVisible = Math.min(shown, Math.ceil((scrollTop + (virtualizer.scrollRect?.height ?? 0)) / pitch) * layout.columns) - 1;
  useThumbPrefetch({ items, offset, first: firstVisible, last: lastVisible, columns: layout.columns, flinging });
  // No rows while the library view is hidden (zero width): nothing is on screen to load for.
  useGridPaging({
    firstTile: rows.length > 0 ? rows[0]!.index * layout.columns : null,
    lastTile: ((rows.at(-1)?.index ?? 0) + 1) * layout.columns - 1,
    columns: layout.columns,
    offset,
    loaded: items.length,
    hasMore,
    loadingMore,
    jumping: paging.jumping,
    onLoadMore,
    onJump: paging.jumpTo,
    onLoadBefore: paging.loadBefore,
  });

  // The cursor moved by keyboard: bring its row into view.
  const cursorRow = cursor >= 0 ? Math.floor((offset + cursor) / layout.columns) : -1;
  useEffect(() => {
    if (cursorRow >= 0) virtualizer.scrollToIndex(cursorRow, { align: 'auto' });
  }, [virtualizer, cursorRow]);

  // Back from the viewer: its last image in the middle, clear of the bulk bar at the bottom edge.
  // Read, not depended on: only a new reveal moves the grid, not a page loading above it.
  const offsetNow = useRef(offset);
  useEffect(() => {
    offsetNow.current = offset;
  }, [offset]);
  const { reveal } = props;
  useEffect(() => {
    if (reveal && reveal.index >= 0) virtualizer.scrollToIndex(Math.floor((offsetNow.current + reveal.index) / layout.columns), { align: 'center' });
  }, [virtualizer, reveal, layout.columns]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const shortcut = matchShortcut(e, 'library');
    if (shortcut === 'moveCursor' || shortcut === 'extendSelection') {
      e.preventDefault();
      if (items.length > 0) props.onCursor({ index: cursorTarget(e.key, cursor, items.length, layout.columns), extend: shortcut === 'extendSelection' });
    } else if (shortcut === 'open' && cursor >= 0 && items[cursor]) {
      e.preventDefault();
      props.onOpen(items[cursor].id);
    } else if (shortcut === 'toggleAtCursor' && cursor >= 0) {
      e.preventDefault();
      props.onToggleCursor();
    }
    // Other keys (select all, culling) bubble to the library, which also handles them outside the grid.
  };

  const cursorId = items[cursor]?.id;
  const scrubber = timeline && timeline.buckets.length > 1 && shown > 0;
  return (
    <div className="lib-grid-wrap">
      <div
        ref={scroller}
        className={`lib-grid${scrubber ? ' lib-grid--scrubber' : ''}`}
        role="listbox"
        aria-multiselectable="true"
        aria-label={props.label}
        aria-activedescendant={cursorId ? `tile-${cursorId}` : undefined}
        tabIndex={0}
        data-testid="grid"
        data-columns={layout.columns}
        onKeyDown={onKeyDown}
      >
        <div className="lib-grid__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const start = row.index * layout.columns;
            return (
              <GridRow
                key={row.key}
                start={start}
                length={Math.min(layout.columns, shown - start)}
                top={row.start}
                offset={offset}
                height={layout.rowHeight}
                columns={layout.columns}
                tile={layout.tile}
                items={items}
                selected={selected}
                cursor={cursor}
                flinging={flinging}
                caption={caption}
                highlights={props.highlights}
                retentionDays={props.retentionDays}
                now={props.now}
                onTileClick={props.onTileClick}
                onOpen={props.onOpen}
                onDragStart={props.onDragStart}
              />
            );
          })}
        </div>
        {(loadingMore || paging.jumping) && (
          <p className="lib-grid__more muted" role="status">
            <span className="spinner" aria-hidden="true" /> {t('library.loadingMore')}
          </p>
        )}
      </div>
      {scrubber && (
        <DateScrubber
          timeline={timeline}
          total={shown}
          // The top row's last tile: a month that starts in the top row is the month in view.
          current={Math.min(shown - 1, firstVisible + layout.columns - 1)}
          onGo={(position) => virtualizer.scrollToOffset(Math.floor(position / layout.columns) * pitch)}
        />
      )}
    </div>
  );
}

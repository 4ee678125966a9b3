import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Timeline } from '../../../../shared/ipc/schemas/library.ts';
import { useFling } from './useFling.ts';
import { gridLayout, tilesToLayOut, visibleTiles } from './gridLayout.ts';
import type { CaptionMode } from './GridTile.tsx';
import { GridRow, type TileState } from './GridRow.tsx';
import { type CursorMove, onGridKey } from './gridKeys.ts';
import { useContentWidth } from './useContentWidth.ts';
import type { ImageSearch } from './useImageSearch.ts';
import { useGridPaging } from './useGridPaging.ts';
import { useGridScrollTargets, useGridVirtualizer } from './useGridScroll.ts';
import { useFirstScreenIn } from './useFirstScreenIn.ts';
import { usePrepaint } from './usePrepaint.ts';
import { thumbIds, useThumbPrefetch } from './useThumbPrefetch.ts';
import { DateScrubber } from './DateScrubber.tsx';

/** Caption heights by mode (CSS keeps the text inside them). */
const CAPTION_HEIGHT: Record<CaptionMode, number> = { none: 0, prompt: 44, trashed: 40 };

interface Props extends Omit<TileState, 'flinging'> {
  /** The loaded run of results; `paging.offset` is the index of its first in all the results. */
  items: readonly ImageSummary[];
  paging: Pick<ImageSearch, 'offset' | 'jumping' | 'jumpTo' | 'loadBefore'>;
  /** The query's months, for the date scrubber (useTimeline, asked by the results: not again at every row a scroll brings in). */
  timeline: Timeline | null;
  /** All results (images.count), so the scrollbar spans them before they are loaded; null while unknown. */
  total: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  thumbSize: number;
  /** An image to bring into the middle of the view (the viewer closed on it); a new object each time. */
  reveal: { index: number } | null;
  /** Changes when a new query's results arrive: back to the top. */
  generation: number;
  onCursor: (move: CursorMove) => void;
  onToggleCursor: () => void;
  label: string;
  /** These results are the list the window opens on (all images, newest first, not stacked): see prepaint.ts. */
  opening: boolean;
}

/**
 * The library grid, virtualised by rows: only the rows in view (plus a few) exist in the DOM, whether the results
 * hold 60 images or a million. Columns follow the width and the thumbnail-size slider.
 */
export function VirtualGrid(props: Props) {
  const { items, paging, timeline, total, hasMore, loadingMore, onLoadMore, thumbSize, reveal, generation, onCursor, onToggleCursor, label, opening } = props;
  const { selected, cursor, caption, highlights, retentionDays, now, onTileClick, onOpen, onDragStart, labels } = props;
  const { offset } = paging;
  const scroller = useRef<HTMLDivElement>(null);
  const width = useContentWidth(scroller);
  const shown = tilesToLayOut(offset, items.length, hasMore, total);
  const layout = gridLayout(width, thumbSize, shown, CAPTION_HEIGHT[caption]);
  const { flinging, onScroll } = useFling();
  const virtualizer = useGridVirtualizer({ scroller, layout, width, onScroll, generation });

  const rows = virtualizer.getVirtualItems();
  const visible = visibleTiles(layout, virtualizer.scrollOffset ?? 0, virtualizer.scrollRect?.height ?? 0, shown);
  // Nothing in view: the library view is hidden behind another (the grid has no size), or not laid out yet.
  useThumbPrefetch({ items, offset, first: visible.first, last: visible.last, columns: layout.columns, flinging, hidden: visible.last < visible.first });
  const firstScreenIn = useFirstScreenIn(thumbIds(items, offset, visible.first, visible.last), generation);
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
    holdPrefetch: !firstScreenIn,
    onLoadMore,
    onJump: paging.jumpTo,
    onLoadBefore: paging.loadBefore,
  });
  useGridScrollTargets(virtualizer, { columns: layout.columns, offset, cursor, reveal });
  usePrepaint(scroller, layout, width > 0 && items.length > 0, opening);

  // One object while none of its parts change: a scroll renders the grid at every row it brings in, and the rows
  // already in view (GridRow is memoised) then render again only if their own place or run changed.
  const tiles = useMemo<TileState>(
    () => ({ selected, cursor, flinging, caption, highlights, retentionDays, now, onTileClick, onOpen, onDragStart, labels }),
    [selected, cursor, flinging, caption, highlights, retentionDays, now, onTileClick, onOpen, onDragStart, labels],
  );
  const { columns, rowHeight, tile } = layout;
  const cursorId = items[cursor]?.id;
  const scrubber = timeline && timeline.buckets.length > 1 && shown > 0;
  return (
    <div className="lib-grid-wrap">
      <div
        ref={scroller}
        className={`lib-grid${scrubber ? ' lib-grid--scrubber' : ''}`}
        role="listbox"
        aria-multiselectable="true"
        aria-label={label}
        aria-activedescendant={cursorId ? `tile-${cursorId}` : undefined}
        tabIndex={0}
        data-testid="grid"
        data-columns={columns}
        data-flinging={flinging}
        onKeyDown={(e) => onGridKey(e, { items, cursor, columns, onCursor, onOpen, onToggleCursor })}
      >
        <div className="lib-grid__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const start = row.index * columns;
            return <GridRow key={row.key} start={start} length={Math.min(columns, shown - start)} top={row.start} offset={offset} height={rowHeight} columns={columns} tile={tile} items={items} tiles={tiles} />;
          })}
        </div>
        {(loadingMore || paging.jumping) && <LoadingMore />}
      </div>
      {scrubber && (
        <DateScrubber
          timeline={timeline}
          total={shown}
          // The top row's last tile: a month that starts in the top row is the month in view.
          current={Math.min(shown - 1, visible.first + columns - 1)}
          onGo={(position) => virtualizer.scrollToOffset(Math.floor(position / columns) * layout.pitch)}
        />
      )}
    </div>
  );
}

/** Under the grid while a page loads: its own component, so the grid's renders at every row need no translation hook. */
function LoadingMore() {
  const { t } = useTranslation();
  return (
    <p className="lib-grid__more muted" role="status">
      <span className="spinner" aria-hidden="true" /> {t('library.loadingMore')}
    </p>
  );
}

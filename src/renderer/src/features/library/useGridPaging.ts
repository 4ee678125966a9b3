import { useEffect } from 'react';

/** Ask for the next page while this many tiles are still unseen below the window (a fling covers ~240 tiles a second). */
const PREFETCH_TILES = 400;
/** While the first screen's thumbnails load, the next page is asked for only this close to the end of the loaded run. */
const URGENT_TILES = 60;
/** Farther than this from the loaded run (a page's worth), walking pages loses to a seek: the list jumps there. */
const JUMP_GAP = 400;
/** A jump starts this many rows above the window, so scrolling up a little after it finds tiles. */
const ROWS_ABOVE = 2;

interface Paging {
  /** Results rendered (visible and overscan), as tile indexes into all the results; null while no row is rendered. */
  firstTile: number | null;
  lastTile: number;
  columns: number;
  /** The loaded run: result `offset` to `offset + loaded - 1`. */
  offset: number;
  loaded: number;
  hasMore: boolean;
  loadingMore: boolean;
  jumping: boolean;
  /** The first screen's thumbnails are still on their way: the next page waits unless the window nears the end. */
  holdPrefetch: boolean;
  onLoadMore: () => void;
  onJump: (position: number) => void;
  onLoadBefore: () => void;
}

/**
 * Keeps the rows in view loaded, whatever moved them: scrolling reaches the next page (or, after a jump, the page
 * before); a drag far from the loaded run (scrollbar, date scrubber, End) jumps there through images.seek instead of
 * walking the pages in between. One jump at a time: when it lands, the window is checked again, so a long drag costs
 * one seek per landing rather than one per frame.
 */
export const useGridPaging = (p: Paging): void => {
  const { firstTile, lastTile, columns, offset, loaded, hasMore, loadingMore, jumping, holdPrefetch, onLoadMore, onJump, onLoadBefore } = p;
  useEffect(() => {
    if (firstTile === null || jumping || loaded === 0) return;
    const end = offset + loaded;
    if (firstTile > end + JUMP_GAP || lastTile < offset - JUMP_GAP) {
      onJump(Math.max(0, firstTile - ROWS_ABOVE * columns));
      return;
    }
    if (firstTile < offset) onLoadBefore();
    if (hasMore && !loadingMore && lastTile + (holdPrefetch ? URGENT_TILES : PREFETCH_TILES) >= end) onLoadMore();
  }, [firstTile, lastTile, columns, offset, loaded, hasMore, loadingMore, jumping, holdPrefetch, onLoadMore, onJump, onLoadBefore]);
};

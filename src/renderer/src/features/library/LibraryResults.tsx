import { type ComponentProps, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dismissPrepaint, savePrepaint } from './prepaint.ts';
import { openingQuery, queryKey } from './query.ts';
import { FamilyStacksContext } from './useFamilyStacks.ts';
import { useTimeline } from './useTimeline.ts';
import type { Library } from './useLibrary.ts';
import { LibraryEmpty } from './LibraryEmpty.tsx';
import { VirtualGrid } from './VirtualGrid.tsx';
import { tileLabels } from './tileLabels.ts';

interface Props {
  lib: Pick<Library, 'search' | 'controls' | 'stacked' | 'stacking' | 'inTrash' | 'grid' | 'viewer' | 'meta' | 'selection'>;
  thumbSize: number;
  /** What an empty list says, and its ways on. */
  empty: ComponentProps<typeof LibraryEmpty>;
}

const OPENING_KEY = queryKey(openingQuery());

/** The results: loading, nothing found (and why), or the grid. */
export function LibraryResults({ lib, thumbSize, empty }: Props) {
  const { search, stacked, grid, viewer, meta } = lib;
  const { query } = lib.controls;
  const { t } = useTranslation();
  // What every tile says, translated here once per language: the grid renders at every row a scroll brings in.
  const labels = useMemo(() => tileLabels(t), [t]);
  // Asked at once, not after the first screen: the scrubber takes its room beside the grid, and arriving late it
  // would move every tile under the user's eyes (the live library's months are summed from per-day counts: cheap).
  const timeline = useTimeline(query);
  const stackContext = useMemo(() => ({ stacks: stacked.stacks, toggle: stacked.toggle }), [stacked.stacks, stacked.toggle]);
  const nothingToShow = search.loaded && stacked.items.length === 0;
  // The window opens on this list stacked from now on: main cannot paint stacks, so it paints no prepaint.
  useEffect(() => {
    if (lib.stacking) savePrepaint(null);
  }, [lib.stacking]);
  useEffect(() => {
    if (nothingToShow) dismissPrepaint();
  }, [nothingToShow]);
  if (!search.loaded) {
    return (
      <p className="muted library__status" role="status" data-testid="library-loading">
        <span className="spinner" aria-hidden="true" /> {t('library.loading')}
      </p>
    );
  }
  if (stacked.items.length === 0 && !search.error) return <LibraryEmpty {...empty} />;
  return (
    <FamilyStacksContext.Provider value={stackContext}>
      <VirtualGrid
        items={stacked.items}
        paging={search}
        timeline={timeline}
        // Stacked, the results are fewer tiles than their count: the scrollbar spans what is loaded.
        total={lib.stacking ? null : search.count}
        hasMore={search.hasMore}
        loadingMore={search.loadingMore}
        onLoadMore={search.loadMore}
        thumbSize={thumbSize}
        caption={lib.inTrash ? 'trashed' : query.text ? 'prompt' : 'none'}
        highlights={search.highlights}
        retentionDays={meta.retentionDays}
        now={meta.now}
        selected={grid.selection.ids}
        cursor={grid.cursor}
        reveal={viewer.reveal}
        generation={search.generation}
        onTileClick={grid.click}
        onOpen={viewer.open}
        onDragStart={lib.selection.onDragStart}
        labels={labels}
        onCursor={(m) => grid.moveCursor(m.index, m.extend)}
        onToggleCursor={grid.toggleCursor}
        label={t('library.gridLabel')}
        opening={!lib.stacking && queryKey(query) === OPENING_KEY}
      />
    </FamilyStacksContext.Provider>
  );
}

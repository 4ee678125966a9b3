import { type DragEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDetail, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { startDragOut } from '../../lib/dragOut.ts';
import { useCollections } from './useCollections.ts';
import { FamilyStacksContext, useFamilyStacks } from './useFamilyStacks.ts';
import { useCuration } from './useCuration.ts';
import { useTrashUndo } from './useTrashUndo.ts';
import { UndoToast } from './UndoToast.tsx';
import { useGridSelection } from './useGridSelection.ts';
import { MAX_BULK, useImageSearch } from './useImageSearch.ts';
import { useLibraryControls } from './useLibraryControls.ts';
import { useLibraryKeys } from './useLibraryKeys.ts';
import { useLibraryMeta } from './useLibraryMeta.ts';
import { useOpenImage } from './useOpenImage.ts';
import { useSavedSearches } from './useSavedSearches.ts';
import { useStoredState } from '../../hooks/useStoredState.ts';
import { useCollapsible } from '../../hooks/useCollapsible.ts';
import { useTagList } from './useTagList.ts';
import type { Transfers } from '../transfer/useTransfers.ts';
import { THUMB_DEFAULT, clampThumb } from './gridLayout.ts';
import { activeFilterCount, isSavable, queryKey } from './query.ts';
import { BulkBar } from './BulkBar.tsx';
import { ExportDialog } from '../transfer/ExportDialog.tsx';
import { FiltersPanel } from './FiltersPanel.tsx';
import { LibraryErrors } from './LibraryErrors.tsx';
import { ImageViewer } from '../viewer/ImageViewer.tsx';
import { LibraryEmpty } from './LibraryEmpty.tsx';
import { LibraryHeader } from './LibraryHeader.tsx';
import { LibraryNav } from './LibraryNav.tsx';
import { LibraryToolbar } from './LibraryToolbar.tsx';
import { TrashBar } from './TrashBar.tsx';
import { VirtualGrid } from './VirtualGrid.tsx';

interface Props {
  active: boolean;
  onGoToGenerate: () => void;
  onReuse: (image: ImageDetail) => void;
  transfers: Transfers;
  /** Counts Ctrl/Cmd+F and "/" presses: each one puts the caret in the search field. */
  searchFocusRequest: number;
}

const NONE: readonly string[] = [];
const NO_ITEMS: readonly ImageSummary[] = [];
const parseThumb = (raw: unknown): number | null => (typeof raw === 'number' ? clampThumb(raw) : null);
const parseFlag = (raw: unknown): boolean | null => (typeof raw === 'boolean' ? raw : null);

export function LibraryView({ active, onGoToGenerate, onReuse, transfers, searchFocusRequest }: Props) {
  const { t } = useTranslation();
  const controls = useLibraryControls();
  const { scope, query } = controls;
  const search = useImageSearch(query);
  const collections = useCollections();
  const saved = useSavedSearches();
  const tagList = useTagList();
  // Every move to the trash (bulk bar, Delete/X, the viewer) is offered back by an Undo toast.
  const trashUndo = useTrashUndo(useCuration({ search, query, onCollectionsChanged: collections.reload, onTagsChanged: tagList.reload }), search.reload);
  const { curation } = trashUndo;
  const [stacking, setStacking] = useStoredState('lagoon.stackFamilies', false, parseFlag);
  // Families stacked (off by default; not in the trash): the grid, its selection and the viewer see the stacked list.
  const stacked = useFamilyStacks(search.items, stacking && scope.kind !== 'trash');
  const grid = useGridSelection(stacked.items, search.generation);
  const meta = useLibraryMeta(search.models, active && scope.kind === 'trash');
  const [thumbSize, setThumbSize] = useStoredState('lagoon.thumbSize', THUMB_DEFAULT, parseThumb);
  const [filtersOpen, setFiltersOpen] = useState(false);
  // The library's own nav folds by itself below 1100 px (until the user chooses), so a small window keeps its columns.
  const [navCollapsed, toggleNav] = useCollapsible('lagoon.libraryNav', 1100);
  const [exporting, setExporting] = useState<readonly string[] | null>(null);
  const [selectingAll, setSelectingAll] = useState(false);

  const { items } = stacked;
  const stackContext = useMemo(() => ({ stacks: stacked.stacks, toggle: stacked.toggle }), [stacked.stacks, stacked.toggle]);
  // One pass over the list (never a lookup per selected id: 10 000 selected × 100 000 loaded would freeze the window).
  const selectedItems = useMemo(() => (grid.selection.ids.size === 0 ? NO_ITEMS : items.filter((i) => grid.selection.ids.has(i.id))), [grid.selection, items]);
  const selectedIds = useMemo(() => (selectedItems.length === 0 ? NONE : selectedItems.map((i) => i.id)), [selectedItems]);
  const viewer = useOpenImage(items, grid);
  const openItem = viewer.item;
  const openIndex = viewer.index;
  const currentKey = queryKey(query);
  const activeSearch = saved.searches.find((s) => queryKey(s.query) === currentKey) ?? null;
  const inTrash = scope.kind === 'trash';

  const selectAll = useCallback(async () => {
    setSelectingAll(true);
    const all = await search.loadUpTo(MAX_BULK);
    grid.selectIds(all.slice(0, MAX_BULK).map((i) => i.id));
    setSelectingAll(false);
  }, [search, grid]);

  const onKeyDown = useLibraryKeys({ items, selectedItems, grid, curation, inTrash, selectAll: () => void selectAll(), toggleStack: stacked.toggle });

  const onDragStart = useCallback(
    (e: DragEvent, id: string) => startDragOut(e, grid.selection.ids.has(id) ? selectedIds : [id]),
    [grid.selection, selectedIds],
  );

  const caption = inTrash ? 'trashed' : query.text ? 'prompt' : 'none';
  const showEmpty = search.loaded && items.length === 0 && !search.error;
  const plainLibrary = scope.kind === 'all' && Object.keys(query).length === 0;

  return (
    <section className="library" aria-labelledby="library-title">
      <LibraryNav
        scope={scope}
        activeSearchId={activeSearch?.id ?? null}
        onScope={controls.setScope}
        collections={collections.collections}
        onCreateCollection={collections.create}
        onRenameCollection={collections.rename}
        onDeleteCollection={async (id) => {
          const ok = await collections.remove(id);
          if (ok && scope.kind === 'collection' && scope.id === id) controls.setScope({ kind: 'all' });
          return ok;
        }}
        searches={saved.searches}
        onOpenSearch={controls.openSaved}
        onDeleteSearch={(id) => void saved.remove(id)}
        hidden={navCollapsed}
      />
      {/* Select all and the culling keys act on the selection wherever focus is in the library (not in fields). */}
      <div className="library__main" onKeyDown={onKeyDown}>
        <LibraryHeader
          scope={scope}
          savedSearchName={activeSearch?.name ?? null}
          collections={collections.collections}
          selectingAll={selectingAll}
          canSelectAll={items.length > 0}
          total={search.count}
          onSelectAll={() => void selectAll()}
          onImport={(pick) => void transfers.importFromDialog(pick)}
          importBusy={transfers.busy}
          navCollapsed={navCollapsed}
          onToggleNav={toggleNav}
        />
        <LibraryToolbar
          text={controls.text}
          onText={controls.setText}
          focusRequest={searchFocusRequest}
          searching={controls.typing || search.searching}
          sort={controls.sort}
          onSort={controls.setSort}
          filterCount={activeFilterCount(controls.filters)}
          filtersOpen={filtersOpen}
          onToggleFilters={() => setFiltersOpen((o) => !o)}
          thumbSize={thumbSize}
          onThumbSize={(n) => setThumbSize(clampThumb(n))}
          canSave={isSavable(query) && activeSearch === null}
          offerSave={!inTrash}
          stacking={stacking}
          onStacking={setStacking}
          onSaveSearch={async (name) => {
            await saved.save(name, query);
          }}
        />
        {filtersOpen && (
          <FiltersPanel filters={controls.filters} onChange={controls.setFilters} scope={scope} models={meta.models} tags={tagList.tags} collections={collections.collections} />
        )}
        {inTrash && <TrashBar retentionDays={meta.retentionDays} count={search.count} onEmpty={curation.emptyTrash} />}
        <LibraryErrors
          searchError={search.error}
          onRetrySearch={search.items.length ? search.loadMore : search.reload}
          actionError={openItem ? null : curation.error}
          onDismissAction={curation.clearError}
          savedSearchError={saved.error}
          collectionsError={collections.error}
        />

        {!search.loaded ? (
          <p className="muted library__status" role="status" data-testid="library-loading">
            <span className="spinner" aria-hidden="true" /> {t('library.loading')}
          </p>
        ) : showEmpty ? (
          <LibraryEmpty kind={inTrash ? 'trash' : plainLibrary ? 'library' : 'noResults'} searchText={controls.text} onGoToGenerate={onGoToGenerate} onClear={controls.clearSearch} />
        ) : (
          <FamilyStacksContext.Provider value={stackContext}>
            <VirtualGrid
              items={items}
              paging={search}
              query={query}
              // Stacked, the results are fewer tiles than their count: the scrollbar spans what is loaded.
              total={stacking ? null : search.count}
              hasMore={search.hasMore}
              loadingMore={search.loadingMore}
              onLoadMore={search.loadMore}
              thumbSize={thumbSize}
              caption={caption}
              highlights={search.highlights}
              retentionDays={meta.retentionDays}
              now={meta.now}
              selected={grid.selection.ids}
              cursor={grid.cursor}
              reveal={viewer.reveal}
              generation={search.generation}
              onTileClick={grid.click}
              onOpen={viewer.open}
              onDragStart={onDragStart}
              onCursor={(m) => grid.moveCursor(m.index, m.extend)}
              onToggleCursor={grid.toggleCursor}
              label={t('library.gridLabel')}
            />
          </FamilyStacksContext.Provider>
        )}

        {selectedIds.length > 0 && (
          <BulkBar
            ids={selectedIds}
            allFavorite={selectedItems.every((i) => i.favorite)}
            commonRating={selectedItems.every((i) => i.rating === selectedItems[0]?.rating) ? (selectedItems[0]?.rating ?? 0) : 0}
            inTrash={inTrash}
            collectionId={scope.kind === 'collection' ? scope.id : null}
            collections={collections.collections}
            tags={tagList.tags}
            curation={curation}
            onClear={grid.clear}
            onCompare={() => viewer.compareSelected(selectedItems)}
            onExport={() => setExporting(selectedIds)}
            onNewCollection={collections.create}
            of={search.count !== null && search.count > MAX_BULK && selectedIds.length >= MAX_BULK ? search.count : null}
          />
        )}
        <UndoToast trashUndo={trashUndo} />
      </div>

      {openItem && (
        <ImageViewer
          summary={openItem}
          previousId={items[openIndex - 1]?.id ?? null}
          nextId={openIndex >= 0 ? (items[openIndex + 1]?.id ?? null) : null}
          nearEnd={search.hasMore && openIndex >= 0 && openIndex >= items.length - 5}
          onLoadMore={search.loadMore}
          compareWith={viewer.compareWith}
          onCompare={viewer.startCompare}
          ranges={search.highlights.get(openItem.id)}
          onNavigate={viewer.open}
          onClose={viewer.onClosed}
          onReuse={onReuse}
          curation={curation}
          tags={tagList.tags}
          collections={collections.collections}
        />
      )}
      {exporting && <ExportDialog ids={exporting} first={items.find((i) => i.id === exporting[0])} transfers={transfers} onClose={() => setExporting(null)} />}
    </section>
  );
}

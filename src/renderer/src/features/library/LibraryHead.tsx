import { useState } from 'react';
import type { Transfers } from '../transfer/useTransfers.ts';
import { clampThumb } from './gridLayout.ts';
import { activeFilterCount, isSavable } from './query.ts';
import type { Library } from './useLibrary.ts';
import { FiltersPanel } from './FiltersPanel.tsx';
import { LibraryHeader } from './LibraryHeader.tsx';
import { LibraryToolbar } from './LibraryToolbar.tsx';

interface Props {
  lib: Pick<Library, 'controls' | 'search' | 'collections' | 'saved' | 'tagList' | 'meta' | 'selection' | 'stacked' | 'activeSearch' | 'inTrash' | 'stacking' | 'setStacking'>;
  thumbSize: number;
  onThumbSize: (size: number) => void;
  navCollapsed: boolean;
  onToggleNav: () => void;
  transfers: Transfers;
  /** Counts Ctrl/Cmd+F and "/" presses: each one puts the caret in the search field. */
  searchFocusRequest: number;
}

/** Above the grid: where the user is (with Select all and Import), the search and its tools, and the filters. */
export function LibraryHead({ lib, thumbSize, onThumbSize, navCollapsed, onToggleNav, transfers, searchFocusRequest }: Props) {
  const { controls, search, collections, activeSearch, selection } = lib;
  const [filtersOpen, setFiltersOpen] = useState(false);
  return (
    <>
      <LibraryHeader
        scope={controls.scope}
        savedSearchName={activeSearch?.name ?? null}
        collections={collections.collections}
        selectingAll={selection.selectingAll}
        canSelectAll={lib.stacked.items.length > 0}
        total={search.count}
        onSelectAll={() => void selection.selectAll()}
        onImport={(pick) => void transfers.importFromDialog(pick)}
        importBusy={transfers.busy}
        navCollapsed={navCollapsed}
        onToggleNav={onToggleNav}
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
        onThumbSize={(n) => onThumbSize(clampThumb(n))}
        canSave={isSavable(controls.query) && activeSearch === null}
        offerSave={!lib.inTrash}
        stacking={lib.stacking}
        onStacking={lib.setStacking}
        onSaveSearch={async (name) => {
          await lib.saved.save(name, controls.query);
        }}
      />
      {filtersOpen && (
        <FiltersPanel
          filters={controls.filters}
          onChange={controls.setFilters}
          scope={controls.scope}
          models={lib.meta.models}
          tags={lib.tagList.tags}
          collections={collections.collections}
        />
      )}
    </>
  );
}

import { useEffect, useState } from 'react';
import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';
import { useStoredState } from '../../hooks/useStoredState.ts';
import { useCollapsible } from '../../hooks/useCollapsible.ts';
import type { Transfers } from '../transfer/useTransfers.ts';
import { ExportDialog } from '../transfer/ExportDialog.tsx';
import { dismissPrepaint } from './prepaint.ts';
import { THUMB_DEFAULT, clampThumb } from './gridLayout.ts';
import { useLibrary } from './useLibrary.ts';
import { useLibraryKeys } from './useLibraryKeys.ts';
import { BulkBar } from './BulkBar.tsx';
import { LibraryErrors } from './LibraryErrors.tsx';
import { LibraryHead } from './LibraryHead.tsx';
import { LibraryNav } from './LibraryNav.tsx';
import { LibraryResults } from './LibraryResults.tsx';
import { LibraryViewer } from './LibraryViewer.tsx';
import { TrashBar } from './TrashBar.tsx';
import { UndoToast } from './UndoToast.tsx';

interface Props {
  active: boolean;
  onGoToGenerate: () => void;
  onReuse: (image: ImageDetail) => void;
  transfers: Transfers;
  /** Counts Ctrl/Cmd+F and "/" presses: each one puts the caret in the search field. */
  searchFocusRequest: number;
}

const parseThumb = (raw: unknown): number | null => (typeof raw === 'number' ? clampThumb(raw) : null);

export function LibraryView({ active, onGoToGenerate, onReuse, transfers, searchFocusRequest }: Props) {
  const lib = useLibrary(active);
  const { controls, search, collections, saved, tagList, curation, stacked, grid, meta, viewer, inTrash } = lib;
  const { scope } = controls;
  const { items } = stacked;
  const { selectedItems, selectedIds, selectAll } = lib.selection;
  const [thumbSize, setThumbSize] = useStoredState('lagoon.thumbSize', THUMB_DEFAULT, parseThumb);
  // The library's own nav folds by itself below 1100 px (until the user chooses), so a small window keeps its columns.
  const [navCollapsed, toggleNav] = useCollapsible('lagoon.libraryNav', 1100);
  const [exporting, setExporting] = useState<readonly string[] | null>(null);
  const onKeyDown = useLibraryKeys({ items, selectedItems, grid, curation, inTrash, selectAll: () => void selectAll(), toggleStack: stacked.toggle });
  const plainLibrary = scope.kind === 'all' && Object.keys(controls.query).length === 0;
  // The prepaint pictures this view: another view shown in its place must not be covered by it.
  useEffect(() => {
    if (!active) dismissPrepaint();
  }, [active]);

  return (
    <section className="library" aria-labelledby="library-title">
      <LibraryNav
        scope={scope}
        activeSearchId={lib.activeSearch?.id ?? null}
        onScope={controls.setScope}
        collections={collections.collections}
        onCreateCollection={collections.create}
        onRenameCollection={collections.rename}
        onDeleteCollection={collections.remove}
        searches={saved.searches}
        onOpenSearch={controls.openSaved}
        onDeleteSearch={(id) => void saved.remove(id)}
        hidden={navCollapsed}
      />
      {/* Select all and the culling keys act on the selection wherever focus is in the library (not in fields). */}
      <div className="library__main" onKeyDown={onKeyDown}>
        <LibraryHead lib={lib} thumbSize={thumbSize} onThumbSize={setThumbSize} navCollapsed={navCollapsed} onToggleNav={toggleNav} transfers={transfers} searchFocusRequest={searchFocusRequest} />
        {inTrash && <TrashBar retentionDays={meta.retentionDays} count={search.count} onEmpty={curation.emptyTrash} />}
        <LibraryErrors
          searchError={search.error}
          onRetrySearch={search.items.length ? search.loadMore : search.reload}
          actionError={viewer.item ? null : curation.error}
          onDismissAction={curation.clearError}
          savedSearchError={saved.error}
          collectionsError={collections.error}
        />
        <LibraryResults
          lib={lib}
          thumbSize={thumbSize}
          empty={{ kind: inTrash ? 'trash' : plainLibrary ? 'library' : 'noResults', searchText: controls.text, onGoToGenerate, onClear: controls.clearSearch }}
        />
        {selectedIds.length > 0 && (
          <BulkBar
            selected={selectedItems}
            ids={selectedIds}
            total={search.count}
            inTrash={inTrash}
            collectionId={scope.kind === 'collection' ? scope.id : null}
            collections={collections.collections}
            tags={tagList.tags}
            curation={curation}
            onClear={grid.clear}
            onCompare={() => viewer.compareSelected(selectedItems)}
            onExport={() => setExporting(selectedIds)}
            onNewCollection={collections.create}
          />
        )}
        <UndoToast trashUndo={lib.trashUndo} />
      </div>
      <LibraryViewer items={items} viewer={viewer} search={search} curation={curation} tags={tagList.tags} collections={collections.collections} onReuse={onReuse} />
      {exporting && <ExportDialog ids={exporting} first={items.find((i) => i.id === exporting[0])} transfers={transfers} onClose={() => setExporting(null)} />}
    </section>
  );
}

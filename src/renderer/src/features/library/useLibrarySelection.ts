import { type DragEvent, useCallback, useMemo, useState } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { startDragOut } from '../../lib/dragOut.ts';
import type { GridSelection } from './useGridSelection.ts';
import { type ImageSearch, MAX_BULK } from './useImageSearch.ts';

const NONE: readonly string[] = [];
const NO_ITEMS: readonly ImageSummary[] = [];

/** The selection as the library acts on it: its images, "Select all" (up to what one action takes), dragging out. */
export const useLibrarySelection = (items: readonly ImageSummary[], grid: GridSelection, search: Pick<ImageSearch, 'loadUpTo'>) => {
  const [selectingAll, setSelectingAll] = useState(false);
  // One pass over the list (never a lookup per selected id: 10 000 selected × 100 000 loaded would freeze the window).
  const selectedItems = useMemo(() => (grid.selection.ids.size === 0 ? NO_ITEMS : items.filter((i) => grid.selection.ids.has(i.id))), [grid.selection, items]);
  const selectedIds = useMemo(() => (selectedItems.length === 0 ? NONE : selectedItems.map((i) => i.id)), [selectedItems]);

  const selectAll = useCallback(async () => {
    setSelectingAll(true);
    const all = await search.loadUpTo(MAX_BULK);
    grid.selectIds(all.slice(0, MAX_BULK).map((i) => i.id));
    setSelectingAll(false);
  }, [search, grid]);

  // A selected tile drags the whole selection out; any other tile drags itself.
  const onDragStart = useCallback(
    (e: DragEvent, id: string) => startDragOut(e, grid.selection.ids.has(id) ? selectedIds : [id]),
    [grid.selection, selectedIds],
  );

  return { selectedItems, selectedIds, selectingAll, selectAll, onDragStart };
};

import type { KeyboardEvent } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { cullAction } from '../../shortcuts/cullingKeys.ts';
import { matchShortcut } from '../../shortcuts/rule.ts';
import type { Curation } from './useCuration.ts';
import type { GridSelection } from './useGridSelection.ts';

interface Deps {
  items: readonly ImageSummary[];
  selectedItems: readonly ImageSummary[];
  grid: GridSelection;
  curation: Curation;
  inTrash: boolean;
  selectAll: () => void;
  /** Expands or folds the family stack led by this tile (S). */
  toggleStack: (id: string) => void;
}

/** Select all, Escape and the culling keys, acting on the selection (or the image under the keyboard cursor). */
export const useLibraryKeys = ({ items, selectedItems, grid, curation, inTrash, selectAll, toggleStack }: Deps) => {
  /** The images a key acts on: the selection, or the image under the keyboard cursor. */
  const targets = (): readonly ImageSummary[] => {
    const atCursor = items[grid.cursor];
    return selectedItems.length > 0 ? selectedItems : atCursor ? [atCursor] : [];
  };

  return (e: KeyboardEvent) => {
    const shortcut = matchShortcut(e, 'library');
    if (shortcut === 'selectAll') {
      e.preventDefault();
      selectAll();
      return;
    }
    const atCursor = items[grid.cursor];
    if (shortcut === 'toggleStack' && atCursor) {
      e.preventDefault();
      toggleStack(atCursor.id);
      return;
    }
    if (shortcut === 'clearSelection' && grid.selection.ids.size > 0) {
      grid.clear();
      return;
    }
    const action = shortcut === 'rate' || shortcut === 'favorite' || shortcut === 'trash' ? cullAction(e) : null;
    const hits = targets();
    const ids = hits.map((i) => i.id);
    if (!action || ids.length === 0) return;
    e.preventDefault();
    if (inTrash) return;
    if (action.kind === 'rate') void curation.setRating(ids, action.rating);
    else if (action.kind === 'favorite') void curation.setFavorite(ids, !hits.every((i) => i.favorite));
    else void curation.trash(ids);
  };
};

import { useStoredState } from '../../hooks/useStoredState.ts';
import { queryKey } from './query.ts';
import { useCollections } from './useCollections.ts';
import { useCuration } from './useCuration.ts';
import { useFamilyStacks } from './useFamilyStacks.ts';
import { useGridSelection } from './useGridSelection.ts';
import { useImageSearch } from './useImageSearch.ts';
import { useLibraryControls } from './useLibraryControls.ts';
import { useLibraryMeta } from './useLibraryMeta.ts';
import { useLibrarySelection } from './useLibrarySelection.ts';
import { useOpenImage } from './useOpenImage.ts';
import { useSavedSearches } from './useSavedSearches.ts';
import { useTagList } from './useTagList.ts';
import { useTrashUndo } from './useTrashUndo.ts';

const parseFlag = (raw: unknown): boolean | null => (typeof raw === 'boolean' ? raw : null);

/**
 * The library's state and how its parts feed each other: the controls make the query, the query the results, the
 * results (stacked by family or not) the grid's selection and the viewer's neighbours; curation changes the results,
 * the collections and the tags. `active`: the library is the view on screen (the trash's retention is read then).
 */
export const useLibrary = (active: boolean) => {
  const controls = useLibraryControls();
  const { scope, query } = controls;
  const search = useImageSearch(query);
  const collections = useCollections();
  const saved = useSavedSearches();
  const tagList = useTagList();
  // Every move to the trash (bulk bar, Delete/X, the viewer) is offered back by an Undo toast.
  const trashUndo = useTrashUndo(useCuration({ search, query, onCollectionsChanged: collections.reload, onTagsChanged: tagList.reload }), search.reload);
  const [stacking, setStacking] = useStoredState('lagoon.stackFamilies', false, parseFlag);
  // Families stacked (off by default; not in the trash): the grid, its selection and the viewer see the stacked list.
  const stacked = useFamilyStacks(search.items, stacking && scope.kind !== 'trash');
  const grid = useGridSelection(stacked.items, search.generation);
  const meta = useLibraryMeta(search.models, active && scope.kind === 'trash');
  const selection = useLibrarySelection(stacked.items, grid, search);
  const viewer = useOpenImage(stacked.items, grid);
  const currentKey = queryKey(query);
  const activeSearch = saved.searches.find((s) => queryKey(s.query) === currentKey) ?? null;
  const inTrash = scope.kind === 'trash';
  return { controls, search, collections, saved, tagList, trashUndo, curation: trashUndo.curation, stacking, setStacking, stacked, grid, meta, selection, viewer, activeSearch, inTrash };
};

export type Library = ReturnType<typeof useLibrary>;

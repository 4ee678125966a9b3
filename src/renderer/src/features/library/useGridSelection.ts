import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { EMPTY_SELECTION, type Selection, clickSelect, keepOnly } from './selection.ts';

export interface GridSelection {
  selection: Selection;
  /** The keyboard's position in the list (-1: none yet). */
  cursor: number;
  click: (e: MouseEvent, id: string, index: number) => void;
  moveCursor: (index: number, extend: boolean) => void;
  toggleCursor: () => void;
  selectIds: (ids: readonly string[]) => void;
  clear: () => void;
}

interface State {
  /** The results generation this selection was made in: a new query's results start with none. */
  generation: number;
  selection: Selection;
  cursor: number;
  /** The image under the cursor: pages loaded above it (after a jump) move its index, not the image. */
  cursorId: string | null;
}

const order = (items: readonly ImageSummary[]) => items.map((i) => i.id);

/** Selection and keyboard cursor over the loaded results. */
export const useGridSelection = (items: readonly ImageSummary[], generation: number): GridSelection => {
  const [state, setState] = useState<State>({ generation, selection: EMPTY_SELECTION, cursor: -1, cursorId: null });
  const current = state.generation === generation ? state : { generation, selection: EMPTY_SELECTION, cursor: -1, cursorId: null };

  // Images that left the list (trashed, restored, unfavourited in Favorites) leave the selection too.
  const selection = useMemo(
    () => (current.selection.ids.size === 0 ? current.selection : keepOnly(current.selection, new Set(order(items)))),
    [current.selection, items],
  );
  const { cursor: at, cursorId } = current;
  const cursor = useMemo(() => {
    if (cursorId === null || items[at]?.id === cursorId) return Math.min(at, items.length - 1);
    const moved = items.findIndex((i) => i.id === cursorId);
    // Gone from the list (trashed): the cursor stays where it was, on the image that took its place.
    return moved >= 0 ? moved : Math.min(at, items.length - 1);
  }, [at, cursorId, items]);

  // Handlers read the list at event time, so they stay the same function while pages load and the memoised tiles
  // do not all re-render for each new page.
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const update = useCallback(
    (change: (s: State) => Partial<State>) =>
      setState((s) => {
        const base = s.generation === generation ? s : { generation, selection: EMPTY_SELECTION, cursor: -1, cursorId: null };
        return { ...base, ...change(base) };
      }),
    [generation],
  );

  const click = useCallback(
    (e: MouseEvent, id: string, index: number) => {
      const mods = { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey };
      update((s) => ({ selection: clickSelect(s.selection, order(itemsRef.current), id, mods), cursor: index, cursorId: id }));
    },
    [update],
  );

  const moveCursor = useCallback(
    (index: number, extend: boolean) => {
      const id = itemsRef.current[index]?.id;
      if (id) update((s) => ({ selection: clickSelect(s.selection, order(itemsRef.current), id, { shift: extend, toggle: false }), cursor: index, cursorId: id }));
    },
    [update],
  );

  const toggleCursor = useCallback(() => {
    const id = itemsRef.current[cursor]?.id;
    if (id) update((s) => ({ selection: clickSelect(s.selection, order(itemsRef.current), id, { shift: false, toggle: true }) }));
  }, [update, cursor]);

  const selectIds = useCallback((ids: readonly string[]) => update(() => ({ selection: { ids: new Set(ids), anchor: ids[0] ?? null } })), [update]);
  const clear = useCallback(() => update(() => ({ selection: EMPTY_SELECTION })), [update]);

  return { selection, cursor, click, moveCursor, toggleCursor, selectIds, clear };
};

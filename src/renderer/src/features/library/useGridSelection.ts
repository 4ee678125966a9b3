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
}

const order = (items: readonly ImageSummary[]) => items.map((i) => i.id);

/** Selection and keyboard cursor over the loaded results. */
export const useGridSelection = (items: readonly ImageSummary[], generation: number): GridSelection => {
  const [state, setState] = useState<State>({ generation, selection: EMPTY_SELECTION, cursor: -1 });
  const current = state.generation === generation ? state : { generation, selection: EMPTY_SELECTION, cursor: -1 };

  // Images that left the list (trashed, restored, unfavourited in Favorites) leave the selection too.
  const selection = useMemo(
    () => (current.selection.ids.size === 0 ? current.selection : keepOnly(current.selection, new Set(order(items)))),
    [current.selection, items],
  );
  const cursor = Math.min(current.cursor, items.length - 1);

  // Handlers read the list at event time, so they stay the same function while pages load and the memoised tiles
  // do not all re-render for each new page.
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const update = useCallback(
    (change: (s: State) => Partial<State>) =>
      setState((s) => {
        const base = s.generation === generation ? s : { generation, selection: EMPTY_SELECTION, cursor: -1 };
        return { ...base, ...change(base) };
      }),
    [generation],
  );

  const click = useCallback(
    (e: MouseEvent, id: string, index: number) => {
      const mods = { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey };
      update((s) => ({ selection: clickSelect(s.selection, order(itemsRef.current), id, mods), cursor: index }));
    },
    [update],
  );

  const moveCursor = useCallback(
    (index: number, extend: boolean) => {
      const id = itemsRef.current[index]?.id;
      if (id) update((s) => ({ selection: clickSelect(s.selection, order(itemsRef.current), id, { shift: extend, toggle: false }), cursor: index }));
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

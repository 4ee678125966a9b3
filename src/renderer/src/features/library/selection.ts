/**
 * Multi-select as desktop file managers do it: a click selects one, Ctrl/Cmd toggles one, Shift selects the range
 * from the anchor (Ctrl/Cmd+Shift adds the range to what is selected). Pure, so the rules are testable.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** Where a Shift range starts: the last item clicked without Shift. */
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

export interface ClickModifiers {
  shift: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle: boolean;
}

export const clickSelect = (sel: Selection, order: readonly string[], id: string, mods: ClickModifiers): Selection => {
  if (mods.shift && sel.anchor !== null) {
    const from = order.indexOf(sel.anchor);
    const to = order.indexOf(id);
    if (from !== -1 && to !== -1) {
      const range = order.slice(Math.min(from, to), Math.max(from, to) + 1);
      const ids = mods.toggle ? new Set([...sel.ids, ...range]) : new Set(range);
      return { ids, anchor: sel.anchor };
    }
  }
  if (mods.toggle) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
};

/** Drops ids that left the list (trashed, restored, filtered away) so bulk actions never touch unseen images. */
export const keepOnly = (sel: Selection, present: ReadonlySet<string>): Selection => {
  if ([...sel.ids].every((id) => present.has(id))) return sel;
  const ids = new Set([...sel.ids].filter((id) => present.has(id)));
  return { ids, anchor: sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : null };
};

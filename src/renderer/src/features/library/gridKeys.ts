import type { KeyboardEvent } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { matchShortcut } from '../../shortcuts/rule.ts';
import { cursorTarget } from './gridLayout.ts';

export interface CursorMove {
  index: number;
  /** Shift held: extend the selection from its anchor. */
  extend: boolean;
}

interface GridKeys {
  items: readonly ImageSummary[];
  /** The keyboard cursor, as an index into `items`. */
  cursor: number;
  columns: number;
  onCursor: (move: CursorMove) => void;
  onOpen: (id: string) => void;
  onToggleCursor: () => void;
}

/** The grid's own keys: arrows, Home and End move the cursor (Shift extends), Enter opens, Space toggles. */
export const onGridKey = (e: KeyboardEvent<HTMLDivElement>, { items, cursor, columns, ...on }: GridKeys): void => {
  const shortcut = matchShortcut(e, 'library');
  if (shortcut === 'moveCursor' || shortcut === 'extendSelection') {
    e.preventDefault();
    if (items.length > 0) on.onCursor({ index: cursorTarget(e.key, cursor, items.length, columns), extend: shortcut === 'extendSelection' });
  } else if (shortcut === 'open' && cursor >= 0 && items[cursor]) {
    e.preventDefault();
    on.onOpen(items[cursor].id);
  } else if (shortcut === 'toggleAtCursor' && cursor >= 0) {
    e.preventDefault();
    on.onToggleCursor();
  }
  // Other keys (select all, culling) bubble to the library, which also handles them outside the grid.
};

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImageQuery, SavedSearch } from '../../../../shared/ipc/schemas/library.ts';
import { type Filters, NO_FILTERS, OPENING, type Scope, type Sort, buildQuery, fromQuery } from './query.ts';

/** Typing pauses this long before the search runs: about one keystroke's gap for a fast typist. */
const SEARCH_DEBOUNCE_MS = 150;

export interface LibraryControls {
  scope: Scope;
  text: string;
  filters: Filters;
  sort: Sort;
  /** What main is asked: scope, the settled text, filters and sort. */
  query: ImageQuery;
  /** Text typed but not searched yet. */
  typing: boolean;
  setScope: (scope: Scope) => void;
  setText: (text: string) => void;
  setFilters: (filters: Filters) => void;
  setSort: (sort: Sort) => void;
  openSaved: (search: SavedSearch) => void;
  clearSearch: () => void;
}

/**
 * The library's search state. Typing is debounced; everything else (a filter, the sort, a nav choice, a saved
 * search) applies at once, and settles pending text with it so one change asks main once.
 */
export const useLibraryControls = (): LibraryControls => {
  const [scope, setScopeState] = useState<Scope>(OPENING.scope);
  const [text, setTextState] = useState(OPENING.text);
  const [settledText, setSettledText] = useState(OPENING.text);
  const [filters, setFilters] = useState<Filters>(OPENING.filters);
  const [sort, setSort] = useState<Sort>(OPENING.sort);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const setText = useCallback((next: string) => {
    setTextState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSettledText(next), SEARCH_DEBOUNCE_MS);
  }, []);

  const settle = useCallback((next: string) => {
    clearTimeout(timer.current);
    setTextState(next);
    setSettledText(next);
  }, []);

  // A new place in the nav starts clean: last view's search and filters would hide what the user came to see.
  const setScope = useCallback(
    (next: Scope) => {
      setScopeState(next);
      settle('');
      setFilters(NO_FILTERS);
    },
    [settle],
  );

  const openSaved = useCallback(
    (search: SavedSearch) => {
      const v = fromQuery(search.query);
      setScopeState(v.scope);
      settle(v.text);
      setFilters(v.filters);
      setSort(v.sort);
    },
    [settle],
  );

  const clearSearch = useCallback(() => {
    settle('');
    setFilters(NO_FILTERS);
  }, [settle]);

  const query = useMemo(() => buildQuery(scope, settledText, filters, sort), [scope, settledText, filters, sort]);

  return { scope, text, filters, sort, query, typing: text !== settledText, setScope, setText, setFilters, setSort, openSaved, clearSearch };
};

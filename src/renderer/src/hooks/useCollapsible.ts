import { useCallback, useSyncExternalStore } from 'react';
import { useStoredState } from './useStoredState.ts';

type Choice = 'collapsed' | 'expanded';
const parseChoice = (raw: unknown): Choice | null => (raw === 'collapsed' || raw === 'expanded' ? raw : null);

const narrowerThan = (px: number) => {
  const query = `(max-width: ${px - 1}px)`;
  return {
    subscribe: (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    get: () => window.matchMedia(query).matches,
  };
};

const queries = new Map<number, ReturnType<typeof narrowerThan>>();
const queryFor = (px: number) => {
  let q = queries.get(px);
  if (!q) queries.set(px, (q = narrowerThan(px)));
  return q;
};

/**
 * A panel the user can fold away (the app's sidebar, the library's own nav), remembered in this window's storage.
 * Until the user has chosen, it folds by itself in a window narrower than `autoBelow` pixels, so a small window shows
 * its content first; once they click the toggle, their choice holds at every size and after a restart.
 */
export const useCollapsible = (key: string, autoBelow: number): [collapsed: boolean, toggle: () => void] => {
  const [choice, setChoice] = useStoredState<Choice | null>(key, null, parseChoice);
  const { subscribe, get } = queryFor(autoBelow);
  const narrow = useSyncExternalStore(subscribe, get);
  const collapsed = choice === null ? narrow : choice === 'collapsed';
  const toggle = useCallback(() => setChoice(collapsed ? 'expanded' : 'collapsed'), [collapsed, setChoice]);
  return [collapsed, toggle];
};

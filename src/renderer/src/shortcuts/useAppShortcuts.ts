import { useEffect, useEffectEvent } from 'react';
import type { ShortcutId } from './registry.ts';
import { matchShortcut } from './rule.ts';

/** The window-wide shortcuts ("?", search, switching views): `onShortcut` gets the id of each one pressed. */
export const useAppShortcuts = (onShortcut: (id: ShortcutId) => void): void => {
  const handle = useEffectEvent(onShortcut);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const id = matchShortcut(e, 'app');
      if (!id) return;
      e.preventDefault();
      handle(id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
};

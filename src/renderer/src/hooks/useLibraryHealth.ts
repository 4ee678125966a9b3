import { useEffect, useState } from 'react';
import type { LibraryHealth } from '../../../shared/ipc/schemas/library.ts';
import { call, subscribe } from '../api.ts';

/** What the launch check of the library found; null until main first answers. */
export const useLibraryHealth = (): LibraryHealth | null => {
  const [health, setHealth] = useState<LibraryHealth | null>(null);
  useEffect(() => {
    let live = true;
    // Subscribe first: the check may finish while the first answer ('checking') is on its way.
    let pushed = false;
    const unsubscribe = subscribe('library.health', (next) => {
      pushed = true;
      setHealth(next);
    });
    call('library.health', {}).then(
      (first) => live && !pushed && setHealth(first),
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return health;
};

import { useEffect, useState } from 'react';
import type { RouteOutput } from '../../../../shared/ipc/contract.ts';
import { call, subscribe } from '../../api.ts';

export type Family = RouteOutput<'images.family'>;
export type FamilyNode = Family['nodes'][number];

/** An image's whole family as a tree, asked again whenever images are added, removed or changed (trashed, restored). */
export const useFamily = (id: string): Family | null => {
  const [state, setState] = useState<{ id: string; family: Family } | null>(null);
  useEffect(() => {
    let current = true;
    const load = (): void => {
      call('images.family', { id }).then(
        (family) => current && setState({ id, family }),
        () => current && setState(null),
      );
    };
    load();
    const unsubscribe = subscribe('images.changed', load);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [id]);
  return state?.id === id ? state.family : null;
};

import { useEffect, useState } from 'react';
import type { RouteOutput } from '../../../../shared/ipc/contract.ts';
import { call, subscribe } from '../../api.ts';

export type Lineage = RouteOutput<'images.lineage'>;

/** An image's family, asked again whenever images are added or removed (a new version, a purged parent). */
export const useLineage = (id: string): Lineage | null => {
  const [state, setState] = useState<{ id: string; lineage: Lineage } | null>(null);
  useEffect(() => {
    let current = true;
    const load = (): void => {
      call('images.lineage', { id }).then(
        (lineage) => current && setState({ id, lineage }),
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
  return state?.id === id ? state.lineage : null;
};

import { useEffect, useState } from 'react';
import type { RouteInput, RouteOutput } from '../../../../shared/ipc/contract.ts';
import { call, subscribe } from '../../api.ts';

/** The image routes a viewer panel follows: each takes an image id and may answer differently once images change. */
type ImageRoute = 'images.family' | 'images.lineage';

/**
 * What `route` answers for image `id`, asked again whenever images are added, removed or changed (a new version, a
 * purged or trashed parent). Null while the answer for this id is on its way, or when it failed.
 */
export const useImageAnswer = <R extends ImageRoute>(route: R, id: string): RouteOutput<R> | null => {
  const [state, setState] = useState<{ id: string; answer: RouteOutput<R> } | null>(null);
  useEffect(() => {
    let current = true;
    const load = (): void => {
      // Both routes take exactly { id }; TypeScript cannot see that through the generic route name.
      call(route, { id } as RouteInput<R>).then(
        (answer) => current && setState({ id, answer }),
        () => current && setState(null),
      );
    };
    load();
    const unsubscribe = subscribe('images.changed', load);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [route, id]);
  return state?.id === id ? state.answer : null;
};

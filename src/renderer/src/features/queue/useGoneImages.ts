import { useEffect, useMemo, useRef, useState } from 'react';
import type { Job } from '../../../../shared/ipc/schemas/jobs.ts';
import { call, subscribe } from '../../api.ts';

/** Per image of the listed jobs: still in the library, deleted forever, or not checked yet (show nothing yet). */
export type ImagePresence = (id: string) => 'present' | 'gone' | 'unknown';

/**
 * Which results of the listed jobs were deleted forever, so the queue and the result area say so instead of loading
 * a file that is gone (a broken image and a 404 in the console). New ids are checked in one request; a purge
 * reported while the window is open marks its images gone at once.
 */
export const useGoneImages = (jobs: readonly Job[]): ImagePresence => {
  const [known, setKnown] = useState<ReadonlyMap<string, boolean>>(new Map());
  const asked = useRef(new Set<string>());
  const ids = useMemo(() => jobs.flatMap((job) => job.imageIds), [jobs]);

  useEffect(() => {
    const fresh = ids.filter((id) => !asked.current.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) asked.current.add(id);
    call('images.missing', { ids: fresh }).then(
      ({ ids: missing }) => {
        const gone = new Set(missing);
        setKnown((current) => new Map([...current, ...fresh.map((id) => [id, !gone.has(id)] as const)]));
      },
      // Unknown stays unknown: the row says nothing rather than guess; the next change asks again.
      () => {
        for (const id of fresh) asked.current.delete(id);
      },
    );
  }, [ids]);

  useEffect(
    () =>
      subscribe('images.changed', ({ reason, ids: changed }) => {
        if (reason !== 'removed' || changed.length === 0) return;
        setKnown((current) => new Map([...current, ...changed.map((id) => [id, false] as const)]));
      }),
    [],
  );

  return (id) => {
    const present = known.get(id);
    return present === undefined ? 'unknown' : present ? 'present' : 'gone';
  };
};

import { availableParallelism } from 'node:os';
import { createInspector, type Inspector, type InspectorOptions } from './inspector.ts';

/**
 * Several inspectors (each one worker thread with its own heap cap, time budget and restart after an over-budget
 * file) behind the Inspector interface, so an import inspects and thumbnails as many files at once as the machine
 * has cores. Hand-written rather than a pool library (piscina): a pool's task timeout would also count a worker's
 * start-up, which takes seconds on a busy machine, against a file's 2 s metadata budget, and the inspector already
 * does everything else a pool would; this only spreads calls over N of them.
 */
export interface InspectorPool extends Inspector {
  readonly size: number;
}

/** One worker per core: the main thread only reads files, writes them and commits rows, which wait on the disk. */
const poolSize = (): number => Math.max(1, availableParallelism());

export function createInspectorPool(opts: InspectorOptions & { size?: number } = {}): InspectorPool {
  const size = Math.max(1, opts.size ?? poolSize());
  const members = Array.from({ length: size }, () => ({ inspector: createInspector(opts), busy: 0 }));

  /** The least busy member takes the call; each member runs its own calls one after another. */
  const onLeastBusy = async <T>(run: (inspector: Inspector) => Promise<T>): Promise<T> => {
    const member = members.reduce((best, m) => (m.busy < best.busy ? m : best));
    member.busy++;
    try {
      return await run(member.inspector);
    } finally {
      member.busy--;
    }
  };

  return {
    size,
    inspect: (task) => onLeastBusy((inspector) => inspector.inspect(task)),
    render: (bytes, format) => onLeastBusy((inspector) => inspector.render(bytes, format)),
    async close() {
      await Promise.all(members.map((m) => m.inspector.close()));
    },
  };
}

import type { Library, StagedImage } from '../library/library.ts';

/**
 * Commits an import's rows in batches: each file is durably written first (staged), and its row joins the next
 * transaction, so a folder costs one commit (and one fsync) per batch instead of per file, and the main thread is
 * busy with SQLite only in short bursts. A batch that fails is retried row by row, so one bad row costs only itself.
 */
export interface Committer {
  /** Resolves once the row is committed; rejects (its files removed) when it cannot be. */
  commit(staged: StagedImage): Promise<void>;
  /** Commits whatever is waiting. */
  flush(): Promise<void>;
}

interface Waiting {
  staged: StagedImage;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Long enough to gather a few files on two cores, short enough that the grid sees new images promptly. */
const BATCH_INTERVAL_MS = 100;
/** Bounds one transaction's time on the main thread (each row also updates the search index). */
const MAX_BATCH_ROWS = 32;

export function createCommitter(library: Library, opts: { intervalMs?: number; maxRows?: number } = {}): Committer {
  const intervalMs = opts.intervalMs ?? BATCH_INTERVAL_MS;
  const maxRows = opts.maxRows ?? MAX_BATCH_ROWS;
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;

  const commitAlone = async (w: Waiting): Promise<void> => {
    try {
      await library.commitStaged([w.staged]);
      w.resolve();
    } catch (error) {
      await library.discardStaged(w.staged);
      w.reject(error);
    }
  };

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    try {
      await library.commitStaged(batch.map((w) => w.staged));
    } catch {
      for (const w of batch) await commitAlone(w);
      return;
    }
    for (const w of batch) w.resolve();
  };

  return {
    commit: (staged) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ staged, resolve, reject });
        if (waiting.length >= maxRows) void flush();
        else timer ??= setTimeout(() => void flush(), intervalMs);
      }),
    flush,
  };
}

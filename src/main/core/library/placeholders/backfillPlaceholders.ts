import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import { prepared } from '../../db/statements.ts';
import { placeholderOf } from './placeholder.ts';

/**
 * Fills the placeholders of images stored before they existed (migration 0011), newest first so the rows a user
 * sees first get theirs first. Resumable by construction: the to-do list is the rows still NULL (a partial index),
 * each batch commits on its own, so a killed app picks up where it stopped. Between batches the job yields to the
 * event loop, so the window's requests never wait behind more than one batch's UPDATE.
 */
const BATCH = 64;

const NEXT_SQL = `SELECT id, thumb_name AS thumbName FROM images INDEXED BY images_without_placeholder
  WHERE placeholder IS NULL ORDER BY doc_key DESC LIMIT ?`;
const SET_SQL = 'UPDATE images SET placeholder = ? WHERE id = ? AND placeholder IS NULL';
/** An empty blob: nothing can be made from this thumbnail; never tried again (see 0011). */
const NONE = Buffer.alloc(0);

interface BackfillDeps {
  db: Database;
  dataDir: string;
  log: (line: string) => void;
}

interface Backfill {
  /** Settles when the job has finished or stopped. */
  done: Promise<{ filled: number; none: number }>;
  /** Stops after the batch in progress (its rows are committed). */
  stop(): Promise<void>;
}

const placeholderFor = async (dataDir: string, thumbName: string): Promise<Buffer> => {
  try {
    return await placeholderOf(await readFile(join(dataDir, ...thumbName.split('/'))));
  } catch {
    // A missing or unreadable thumbnail: the sweep flags or remakes those; the grid shows its plain cell.
    return NONE;
  }
};

export const startPlaceholderBackfill = (deps: BackfillDeps): Backfill => {
  // An object, so the loop sees stop() flip it between its awaits.
  const state = { stopping: false };
  const run = async () => {
    let filled = 0;
    let none = 0;
    while (!state.stopping && deps.db.open) {
      const rows = prepared(deps.db, NEXT_SQL).all(BATCH) as Array<{ id: string; thumbName: string }>;
      if (rows.length === 0) break;
      const made: Array<[string, Buffer]> = [];
      for (const row of rows) made.push([row.id, await placeholderFor(deps.dataDir, row.thumbName)]);
      if (state.stopping || !deps.db.open) break;
      deps.db.transaction(() => {
        for (const [id, blob] of made) prepared(deps.db, SET_SQL).run(blob, id);
      })();
      for (const [, blob] of made) {
        if (blob.byteLength > 0) filled++;
        else none++;
      }
      await setImmediate();
    }
    if (filled + none > 0) deps.log(`[library] placeholders: ${filled} made, ${none} without a readable thumbnail`);
    return { filled, none };
  };
  // Never rejects: a failure (the database closed under it on quit) leaves the rest for the next start.
  const done = run().catch((error: unknown) => {
    if (deps.db.open) deps.log(`[library] placeholders stopped: ${error instanceof Error ? error.message : String(error)}`);
    return { filled: 0, none: 0 };
  });
  return {
    done,
    stop: async () => {
      state.stopping = true;
      await done;
    },
  };
};

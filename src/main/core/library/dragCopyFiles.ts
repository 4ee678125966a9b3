import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { HANDOFF_DIR } from './handOffFiles.ts';
import { isImageId } from './imageId.ts';
import { prepared } from '../db/statements.ts';

/**
 * Where drag-out copies live: `<dataDir>/handoff/drag/<id>/<export name>` (made by transfer/dragCopies.ts). They
 * are derived files, never the only copy of anything, so they are removed with their image and swept when stale.
 */
const dragRoot = (dataDir: string): string => join(dataDir, HANDOFF_DIR, 'drag');
export const dragCopyDir = (dataDir: string, id: string): string => join(dragRoot(dataDir), id);

/** An app that took a drop has read the file long before this; a day keeps repeat drags instant. */
const DRAG_COPY_MAX_AGE_MS = 24 * 3600_000;

/** Removes the drag copies of purged images (a purged image must not linger anywhere in the data folder). */
export async function removeDragCopies(dataDir: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) if (isImageId(id)) await rm(dragCopyDir(dataDir, id), { recursive: true, force: true });
}

/**
 * Start-up sweep of the drag folder: removes copies older than a day, copies whose image is gone or in the trash
 * (a crash between a purge and its cleanup), and anything that is not a per-image folder. Returns how many went.
 */
export async function sweepDragCopies(db: Database, dataDir: string, now: number): Promise<number> {
  const root = dragRoot(dataDir);
  const entries = await readdir(root).catch(() => [] as string[]);
  const isLive = prepared(db, 'SELECT 1 FROM images WHERE id = ? AND trashed_at IS NULL');
  let removed = 0;
  for (const name of entries) {
    const stats = await lstat(join(root, name)).catch(() => null);
    if (stats === null) continue;
    const keep = stats.isDirectory() && isImageId(name) && now - stats.mtimeMs < DRAG_COPY_MAX_AGE_MS && isLive.get(name) !== undefined;
    if (keep) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

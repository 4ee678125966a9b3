import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Library } from '../library/library.ts';
import { listMediaRoot, scanShard, type MediaFile } from '../library/mediaScan.ts';
import { mediaName } from '../library/mediaNames.ts';
import { getImageRow } from '../library/imageQueries.ts';
import { importBytes } from './importFiles.ts';
import { createInspector, type Inspector } from './inspector.ts';
import { sniffFormat } from './metadata.ts';

/**
 * After a restore, the images made since the backup still lie in images/ but have no row: the launch sweep would
 * quarantine them. Instead each is imported again from its own file (its embedded metadata read as any import
 * reads it; a file with none is called "Recovered image"), and only once its new row is committed (or the same
 * bytes are already in the library) are the orphan file and its thumbnail removed. A crash in between leaves the
 * orphan, which the next run finds as a duplicate and removes.
 */
export interface ReindexReport {
  reindexed: number;
  /** The new ids of the re-indexed images. */
  ids: string[];
  /** Orphans whose bytes were already in the library. */
  duplicates: number;
  /** Left where they are (the launch sweep then quarantines them): unreadable or refused files. */
  left: string[];
}

const RECOVERED_NAME = 'Recovered image';

const orphans = async (db: Database, dataDir: string): Promise<MediaFile[]> => {
  const root = await listMediaRoot(dataDir, 'image');
  const found: MediaFile[] = [];
  for (const shard of root.shards) {
    const scan = await scanShard(dataDir, 'image', root, shard);
    for (const file of scan.files.values()) if (!getImageRow(db, file.id)) found.push(file);
  }
  return found;
};

export async function reindexOrphans(deps: { db: Database; library: Library; dataDir: string; inspector?: Inspector; now?: () => number }): Promise<ReindexReport> {
  const report: ReindexReport = { reindexed: 0, ids: [], duplicates: 0, left: [] };
  for (const file of await orphans(deps.db, deps.dataDir)) {
    const bytes = await readFile(file.path).catch(() => null);
    const format = bytes ? sniffFormat(bytes.subarray(0, 12)) : null;
    if (!bytes || !format) {
      report.left.push(file.name);
      continue;
    }
    const outcome = await importBytes(deps, `${RECOVERED_NAME}.${format}`, bytes);
    if (outcome.status === 'imported') {
      report.reindexed++;
      report.ids.push(outcome.id);
    }
    else if (outcome.status === 'skipped' && outcome.reason === 'duplicate') report.duplicates++;
    else {
      report.left.push(file.name);
      continue;
    }
    await rm(file.path, { force: true });
    await rm(join(deps.dataDir, ...mediaName('thumb', { id: file.id, format }).split('/')), { force: true });
  }
  return report;
}

/** The start after a restore: re-indexes on the inspect worker (when there is one), logs what it did, tells the grid. */
export async function reindexAfterRestore(
  deps: { db: Database; library: Library; dataDir: string; now: () => number; workerPath: string | undefined },
  log: (line: string) => void,
  onAdded: (ids: string[]) => void,
): Promise<void> {
  const inspector = createInspector(deps.workerPath ? { workerPath: deps.workerPath } : {});
  try {
    const report = await reindexOrphans({ ...deps, inspector });
    log(`[library] restored from a backup; images made after it re-indexed: ${report.reindexed}, already there: ${report.duplicates}, left: ${report.left.length}`);
    if (report.ids.length > 0) onAdded(report.ids);
  } catch (error) {
    log(`[library] re-indexing after the restore failed (the sweep quarantines what is left): ${String(error).slice(0, 200)}`);
  } finally {
    await inspector.close();
  }
}

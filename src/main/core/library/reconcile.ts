import { lstat, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import type { MediaKind } from '../../../shared/app.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { quickCheck } from '../db/checks.ts';
import { ensureDirectory, fsyncDirectory, writeFileAtomic } from './atomicFile.ts';
import { MEDIA_DIRS, mediaName, shardOf } from './mediaNames.ts';
import { entryType, listMediaRoot, type MediaFile, type MediaScan, scanShard } from './mediaScan.ts';
import { type RowState, SHARDS, shardRowsOf, strayRows } from './sweepRows.ts';
import { makeThumbnail } from './thumbnails.ts';
import { prepared } from '../db/statements.ts';

/** Another Lagoon process (the CLI) may be mid-ingest: anything younger than this may still be in flight. */
const DEFAULT_RECONCILE_GRACE_MS = 10 * 60_000;
/** Where image files without a row are moved: they may be the only copy of something the user paid for. */
const QUARANTINE_DIR = 'quarantine';
const MAX_PROBLEMS = 20;

export interface ReconcileReport {
  tempFilesRemoved: number;
  /** Image files with no row, moved to `<dataDir>/quarantine/`. */
  orphansQuarantined: number;
  /** Thumbnails with no row, deleted (derived data). */
  orphanThumbsRemoved: number;
  /** Rows whose image file is missing after this sweep (flagged in `file_missing_at`, newly or from before). */
  rowsMissingFile: number;
  /** Rows flagged missing whose file is back; their flag was cleared. */
  rowsRecovered: number;
  thumbsRegenerated: number;
  /** 'ok', or what `PRAGMA quick_check` said. When not ok, only temp files are swept. */
  quickCheck: 'ok' | string;
  /** What the sweep could not do (at most 20, e.g. `images/ab/….png: EACCES`). It never throws for these. */
  problems: string[];
}

export interface ReconcileDeps {
  db: Database;
  dataDir: string;
  now?: () => number;
  graceMs?: number;
  /** PRAGMA quick_check of the library; default in-thread (services.ts passes the worker-thread one). */
  quickCheck?: () => Promise<string>;
}

interface Sweep {
  db: Database;
  dataDir: string;
  report: ReconcileReport;
  problem(what: string, error: unknown): void;
  /** A regular file (not a symlink) last modified before the grace period. */
  isStale(path: string): Promise<boolean>;
  absolute(name: string): string;
  now(): number;
}

const describe = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
};

const lstatOrNull = async (path: string) => {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
};

/** Re-read just before acting on a file that looked orphaned: its row may have been committed since the first read. */
const rowOwns = (db: Database, kind: MediaKind, file: MediaFile): boolean => {
  const row = prepared(db, 'SELECT format FROM images WHERE id = ?').get(file.id) as { format: ImageFormat } | undefined;
  return row !== undefined && mediaName(kind, { id: file.id, format: row.format }) === file.name;
};

async function removeStaleTemps(sweep: Sweep, temps: string[]): Promise<void> {
  for (const path of temps) {
    try {
      if (!(await sweep.isStale(path))) continue;
      await rm(path);
      sweep.report.tempFilesRemoved++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') sweep.problem(path, error);
    }
  }
}

/** `<id>.<ext>`, or `<id>-2.<ext>`, … when an earlier sweep already parked a file under that name: never overwrite. */
async function freeQuarantineName(dir: string, file: MediaFile): Promise<string> {
  const base = file.name.slice(file.name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  for (let n = 1; n < 1000; n++) {
    const candidate = join(dir, n === 1 ? base : `${base.slice(0, dot)}-${n}${base.slice(dot)}`);
    if ((await lstatOrNull(candidate)) === null) return candidate;
  }
  throw Object.assign(new Error('No free name in the quarantine folder.'), { code: 'EEXIST' });
}

/** A symlink (or a file) in its place would carry the user's images out of the data folder: then nothing is moved. */
async function prepareQuarantine(sweep: Sweep, dir: string): Promise<boolean> {
  try {
    if ((await entryType(dir)) === 'missing') await ensureDirectory(dir);
    if ((await entryType(dir)) === 'directory') return true;
    sweep.problem(QUARANTINE_DIR, 'not a folder; orphaned images left in place');
  } catch (error) {
    sweep.problem(QUARANTINE_DIR, error);
  }
  return false;
}

async function sweepOrphans(sweep: Sweep, rows: RowState[], images: MediaScan, thumbs: MediaScan): Promise<void> {
  const quarantine = join(sweep.dataDir, QUARANTINE_DIR);
  let quarantineReady: boolean | undefined;
  const touchedDirs = new Set<string>();
  for (const [kind, scan] of [['image', images], ['thumb', thumbs]] as const) {
    const owned = new Set(rows.map((row) => mediaName(kind, row)));
    for (const file of scan.files.values()) {
      if (owned.has(file.name)) continue;
      try {
        if (!(await sweep.isStale(file.path)) || rowOwns(sweep.db, kind, file)) continue;
        if (kind === 'thumb') {
          await rm(file.path);
          sweep.report.orphanThumbsRemoved++;
          continue;
        }
        quarantineReady ??= await prepareQuarantine(sweep, quarantine);
        if (!quarantineReady) continue;
        await rename(file.path, await freeQuarantineName(quarantine, file));
        touchedDirs.add(quarantine).add(dirname(file.path));
        sweep.report.orphansQuarantined++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') sweep.problem(file.name, error);
      }
    }
  }
  // Best effort: a move lost to a power cut only means the file is found, and moved, again next start.
  for (const dir of touchedDirs) await fsyncDirectory(dir).catch(() => undefined);
}

/** Missing means no entry at all: anything else at that name (even a symlink) is the user's doing, not ours to judge. */
async function isMissing(sweep: Sweep, images: MediaScan, name: string): Promise<boolean> {
  if (images.files.has(name)) return false;
  return (await lstatOrNull(sweep.absolute(name))) === null;
}

async function updateFileHealth(sweep: Sweep, rows: RowState[], images: MediaScan, now: number): Promise<Set<string>> {
  const missing = new Set<string>();
  for (const row of rows) {
    try {
      if (await isMissing(sweep, images, mediaName('image', row))) missing.add(row.id);
    } catch (error) {
      sweep.problem(mediaName('image', row), error); // unknown state: leave the flag as it is
      if (row.fileMissingAt !== null) missing.add(row.id);
    }
  }
  sweep.report.rowsMissingFile += missing.size;
  const changed = rows.some((row) => missing.has(row.id) !== (row.fileMissingAt !== null));
  // No write transaction when nothing changed: it would wait (up to busy_timeout) on a CLI that is writing.
  if (!changed) return missing;
  const flag = prepared(sweep.db, 'UPDATE images SET file_missing_at = ? WHERE id = ? AND file_missing_at IS NULL');
  const clear = prepared(sweep.db, 'UPDATE images SET file_missing_at = NULL WHERE id = ? AND file_missing_at IS NOT NULL');
  // Counted from inside the transaction but reported only once it committed.
  sweep.report.rowsRecovered += sweep.db.transaction(() => {
    let recovered = 0;
    for (const row of rows) {
      if (missing.has(row.id)) {
        if (row.fileMissingAt === null) flag.run(now, row.id);
      } else if (row.fileMissingAt !== null) {
        recovered += clear.run(row.id).changes;
      }
    }
    return recovered;
  }).immediate();
  return missing;
}

async function regenerateThumbs(sweep: Sweep, rows: RowState[], missing: Set<string>, thumbs: MediaScan): Promise<void> {
  for (const row of rows) {
    const thumbName = mediaName('thumb', row);
    if (missing.has(row.id) || thumbs.files.has(thumbName)) continue;
    try {
      if ((await lstatOrNull(sweep.absolute(thumbName))) !== null) continue;
      const imagePath = sweep.absolute(mediaName('image', row));
      // Never read through a symlink, and never write into a shard folder that is one.
      if (!(await lstatOrNull(imagePath))?.isFile()) continue;
      const shardDir = join(sweep.dataDir, MEDIA_DIRS.thumb, shardOf(row.id));
      if ((await entryType(shardDir)) === 'other') continue;
      const thumbnail = await makeThumbnail(await readFile(imagePath));
      await ensureDirectory(shardDir);
      await writeFileAtomic(sweep.absolute(thumbName), thumbnail);
      sweep.report.thumbsRegenerated++;
    } catch (error) {
      sweep.problem(thumbName, error);
    }
  }
}

const noFiles = (root: { usable: boolean }): MediaScan => ({ usable: root.usable, files: new Map(), temps: [] });

/** Orphans, file health and thumbnails for some rows and the shard folders their files live in. */
async function reconcileRows(sweep: Sweep, rows: RowState[], images: MediaScan, thumbs: MediaScan): Promise<void> {
  await sweepOrphans(sweep, rows, images, thumbs);
  if (!images.usable) return;
  const missing = await updateFileHealth(sweep, rows, images, sweep.now());
  if (thumbs.usable) await regenerateThumbs(sweep, rows, missing, thumbs);
}

/**
 * The startup sweep that brings files and rows back into agreement after a crash, a kill or a hand edit. It only
 * ever touches names Lagoon itself writes, never follows a symlink and never leaves the data folder; user images
 * are moved aside, never deleted; rows are flagged, never deleted. It does not throw: what it could not do is listed
 * in `problems`. Meant to run once after the database is opened, off the UI path (thumbnails may be re-made).
 */
export async function reconcileLibrary(deps: ReconcileDeps): Promise<ReconcileReport> {
  const { db, dataDir } = deps;
  const now = deps.now ?? Date.now;
  const graceMs = deps.graceMs ?? DEFAULT_RECONCILE_GRACE_MS;
  const report: ReconcileReport = {
    tempFilesRemoved: 0,
    orphansQuarantined: 0,
    orphanThumbsRemoved: 0,
    rowsMissingFile: 0,
    rowsRecovered: 0,
    thumbsRegenerated: 0,
    quickCheck: await (deps.quickCheck ?? (async () => quickCheck(db)))(),
    problems: [],
  };
  const cutoff = now() - graceMs;
  const sweep: Sweep = {
    db,
    dataDir,
    report,
    problem: (what, error) => {
      if (report.problems.length < MAX_PROBLEMS) report.problems.push(`${what}: ${describe(error)}`);
    },
    isStale: async (path) => {
      const stats = await lstatOrNull(path);
      return stats !== null && stats.isFile() && (graceMs <= 0 || stats.mtimeMs <= cutoff);
    },
    absolute: (name) => join(dataDir, ...name.split('/')),
    now,
  };
  try {
    const roots = { image: await listMediaRoot(dataDir, 'image'), thumb: await listMediaRoot(dataDir, 'thumb') };
    for (const [kind, root] of [['images', roots.image], ['thumbs', roots.thumb]] as const) {
      if (!root.usable) sweep.problem(kind, 'not a folder; left untouched');
    }
    await removeStaleTemps(sweep, [...roots.image.temps, ...roots.thumb.temps]);
    // A damaged index cannot tell which files are orphans or which rows lost theirs: then only temps are swept.
    const checkRows = report.quickCheck === 'ok';
    const rowCount = checkRows ? ((prepared(db, 'SELECT count(*) AS n FROM images').get() as { n: number }).n) : 0;
    let rowsSeen = 0;
    // Shard by shard, yielding between them: at a million images, reading every row and file name at once held the
    // main thread for seconds and took 600 MB; a shard is a few thousand of each.
    for (const shard of SHARDS) {
      // Rows before the folders: ingest makes both files durable before it commits the row, so every file of a row
      // read here is already on disk when its shard folder is listed.
      const rows = checkRows ? await shardRowsOf(db, shard) : null;
      const images = await scanShard(dataDir, 'image', roots.image, shard);
      const thumbs = await scanShard(dataDir, 'thumb', roots.thumb, shard);
      await removeStaleTemps(sweep, [...images.temps, ...thumbs.temps]);
      if (rows !== null) {
        rowsSeen += rows.length;
        await reconcileRows(sweep, rows, images, thumbs);
      }
      await setImmediate();
    }
    // Only a hand edit makes an id that starts with no shard name: such rows are found by a full scan, when there are any.
    if (checkRows && rowsSeen < rowCount) {
      const stray = strayRows(db);
      await reconcileRows(sweep, stray, noFiles(roots.image), noFiles(roots.thumb));
    }
  } catch (error) {
    sweep.problem('reconcile', error);
  }
  return report;
}

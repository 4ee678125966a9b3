import type Database from 'better-sqlite3';
import type { LibraryHealth } from '../../../shared/ipc/schemas/library.ts';
import type { DbChecks } from '../db/dbChecks.ts';
import type { EventBus } from '../events/eventBus.ts';
import { redact } from '../log.ts';
import { type Clock, systemClock } from '../queue/clock.ts';
import { reindexAfterRestore } from '../transfer/reindexOrphans.ts';
import type { Backups } from './backup.ts';
import { sweepDragCopies } from './dragCopyFiles.ts';
import type { Library } from './library.ts';
import { readLibraryPrefs } from './libraryPrefs.ts';
import { startPlaceholderBackfill } from './placeholders/backfillPlaceholders.ts';
import { type ReconcileDeps, type ReconcileReport, reconcileLibrary } from './reconcile.ts';
import { startRoutineMaintenance } from './routineMaintenance.ts';
import type { Trash } from './trash.ts';

export const UNCHECKED: LibraryHealth = { state: 'unchecked', details: null, orphansQuarantined: 0, rowsMissingFile: 0 };

export interface MaintenanceParts {
  db: Database.Database;
  library: Library;
  dataDir: string;
  now: () => number;
  log: (line: string) => void;
  events: EventBus;
  trash: Trash;
  checks: DbChecks;
  backups: Backups;
}

export interface LaunchOptions {
  clock?: Clock;
  /** A backup was just put in place: images newer than it are re-indexed before the sweep. */
  restoredFromBackup?: boolean;
  /** The built inspectWorker.ts, for that re-indexing. */
  inspectWorkerPath?: string;
}

/**
 * What the app does at launch to keep the library true, in order: finish interrupted purges, re-index after a
 * restore, sweep (quick_check, orphans, lost thumbnails), remove stale drag copies; then the placeholder backfill and
 * the hourly routine (expired trash, daily backup).
 */
export const startLaunchMaintenance = (parts: MaintenanceParts, opts: LaunchOptions) => {
  const { db, library, dataDir, now, log, events, trash, checks } = parts;
  // A purge a crash interrupted is finished first: otherwise the sweep would quarantine its files as orphans.
  const reconciled = trash
    .finishPendingPurges()
    .then(async (purges) => {
      if (purges.problems.length > 0) log(`[library] unfinished purges: ${redact(purges.problems)}`);
      // Before the sweep, which would quarantine the images the restored rows do not know.
      if (opts.restoredFromBackup) {
        const restored = { db, library, dataDir, now, workerPath: opts.inspectWorkerPath };
        await reindexAfterRestore(restored, log, (ids) => events.emit('images.changed', { reason: 'added', ids }));
      }
      return sweepLibrary({ db, dataDir, now, quickCheck: checks.quickCheck }, events, log);
    })
    .then(async (report) => {
      const dragCopies = await sweepDragCopies(db, dataDir, now()).catch(() => 0);
      if (dragCopies > 0) log(`[library] removed ${dragCopies} stale drag copies`);
      return report;
    });
  let health: LibraryHealth = { ...UNCHECKED, state: 'checking' };
  void reconciled.then((report) => {
    health = healthOf(report);
    events.emit('library.health', health);
  });
  // After the sweep (which remakes lost thumbnails): placeholders for images stored before they existed, newest first.
  const placeholders = reconciled.then(() => startPlaceholderBackfill({ db, dataDir, log }));
  // Then, in the background and hourly: expired trash is purged and the database backed up when a day old.
  const prefs = () => readLibraryPrefs(library);
  const routine = startRoutineMaintenance({ trash, backups: parts.backups, prefs, clock: opts.clock ?? systemClock, log }, reconciled);
  return { reconciled, placeholders, routine, health: () => health };
};

const healthOf = (report: ReconcileReport): LibraryHealth => ({
  state: report.quickCheck === 'ok' ? 'ok' : 'damaged',
  details: report.quickCheck === 'ok' ? null : report.quickCheck.slice(0, 1000),
  orphansQuarantined: report.orphansQuarantined,
  rowsMissingFile: report.rowsMissingFile,
});

/** Runs the sweep and tells the UI when it changed what the library shows (a flagged, recovered or re-thumbnailed image). */
const sweepLibrary = async (deps: ReconcileDeps, events: EventBus, log: (line: string) => void): Promise<ReconcileReport> => {
  const report = await reconcileLibrary(deps);
  const { problems, ...counts } = report;
  if (report.quickCheck !== 'ok' || problems.length || Object.values(counts).some((n) => typeof n === 'number' && n > 0)) {
    log(`[library] startup sweep: ${redact({ ...counts, problems })}`);
  }
  if (report.rowsMissingFile || report.rowsRecovered || report.thumbsRegenerated) events.emit('images.changed', { reason: 'updated', ids: [] });
  return report;
};

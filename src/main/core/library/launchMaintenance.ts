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

/**
 * When the sweep starts: at least LAUNCH_SWEEP_DELAY_MS after launch, then once the window has asked main for nothing
 * (no request, no thumbnail) for LAUNCH_QUIET_MS, and at the latest LAUNCH_SWEEP_MAX_WAIT_MS after launch. It reads
 * the whole database (quick_check) and lists every media folder: at a million images with a cold page cache that is
 * gigabytes of disk reads, which queued every read of the first screen behind them (the grid's first page, its
 * thumbnails, the window's own script). Seconds later the user has their window, and what the sweep finds is no less
 * true.
 */
export const LAUNCH_SWEEP_DELAY_MS = 3000;
export const LAUNCH_QUIET_MS = 1000;
export const LAUNCH_SWEEP_MAX_WAIT_MS = 15_000;
/** How often a busy window is looked at again. */
const QUIET_POLL_MS = 250;

export interface LaunchOptions {
  clock?: Clock;
  /** When the window last asked main for anything (clock time); without it the window counts as quiet. */
  lastRequestAt?: () => number;
  /** A backup was just put in place: images newer than it are re-indexed before the sweep. */
  restoredFromBackup?: boolean;
  /** The built inspectWorker.ts, for that re-indexing. */
  inspectWorkerPath?: string;
}

/**
 * What the app does at launch to keep the library true, in order, once the first screen had LAUNCH_SWEEP_DELAY_MS to
 * itself: finish interrupted purges, re-index after a restore, sweep (quick_check, orphans, lost thumbnails), remove
 * stale drag copies; then the placeholder backfill and the hourly routine (expired trash, daily backup).
 */
export const startLaunchMaintenance = (parts: MaintenanceParts, opts: LaunchOptions) => {
  const { db, library, log, events } = parts;
  const clock = opts.clock ?? systemClock;
  const wait = launchDelay(clock, opts.lastRequestAt ?? (() => Number.NEGATIVE_INFINITY));
  // null: the app closed before the sweep began; nothing after it runs either.
  const reconciled = wait.elapsed.then((goOn) => (goOn ? sweepAtLaunch(parts, opts) : null));
  let health: LibraryHealth = { ...UNCHECKED, state: 'checking' };
  void reconciled.then((report) => {
    if (!report) return;
    health = healthOf(report);
    events.emit('library.health', health);
  });
  // After the sweep (which remakes lost thumbnails): placeholders for images stored before they existed, newest first.
  const placeholders = reconciled.then((report) => (report ? startPlaceholderBackfill({ db, dataDir: parts.dataDir, log }) : null));
  // Then, in the background and hourly: expired trash is purged and the database backed up when a day old.
  const prefs = () => readLibraryPrefs(library);
  // Only after a sweep that ran: closed before it, the app starts no round (no backup while it shuts down).
  const swept = reconciled.then((report) => report ?? new Promise<never>(() => undefined));
  const routine = startRoutineMaintenance({ trash: parts.trash, backups: parts.backups, prefs, clock, log }, swept);
  return { reconciled, placeholders, routine, health: () => health, cancelDelay: wait.cancel };
};

/**
 * Resolves true once LAUNCH_SWEEP_DELAY_MS have passed and the window has been quiet for LAUNCH_QUIET_MS (or
 * LAUNCH_SWEEP_MAX_WAIT_MS have passed), or false at once if cancelled first (the app is closing).
 */
const launchDelay = (clock: Clock, lastRequestAt: () => number): { elapsed: Promise<boolean>; cancel(): void } => {
  const startedAt = clock.now();
  const { promise: elapsed, resolve: settle } = Promise.withResolvers<boolean>();
  let cancelTimer: (() => void) | null = null;
  const look = (): void => {
    const now = clock.now();
    if (now - lastRequestAt() >= LAUNCH_QUIET_MS || now - startedAt >= LAUNCH_SWEEP_MAX_WAIT_MS) settle(true);
    else cancelTimer = clock.after(QUIET_POLL_MS, look);
  };
  cancelTimer = clock.after(LAUNCH_SWEEP_DELAY_MS, look);
  return {
    elapsed,
    cancel: () => {
      cancelTimer?.();
      settle(false);
    },
  };
};

/** Finishes interrupted purges, re-indexes after a restore, sweeps, removes stale drag copies. */
const sweepAtLaunch = (parts: MaintenanceParts, opts: LaunchOptions): Promise<ReconcileReport> => {
  const { db, library, dataDir, now, log, events, trash, checks } = parts;
  // A purge a crash interrupted is finished first: otherwise the sweep would quarantine its files as orphans.
  return trash
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

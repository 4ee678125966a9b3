import type { Clock } from '../queue/clock.ts';
import type { Backups } from './backup.ts';
import type { LibraryPrefs } from './libraryPrefs.ts';
import type { Trash } from './trash.ts';

export const MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;
const BACKUP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface RoutineDeps {
  trash: Trash;
  backups: Backups;
  /** Read at every round, so a changed setting applies from the next one. */
  prefs: () => LibraryPrefs;
  clock: Clock;
  log: (line: string) => void;
  intervalMs?: number;
}

export interface RoutineMaintenance {
  /** The first round (once `after` settled): purge what the trash kept too long, back up if the last backup is a day old. */
  firstRound: Promise<void>;
  /** No further rounds; waits for one in progress (not for the sweep before the first), so the database can close after it. */
  stop(): Promise<void>;
  /** Synchronous: cancels the timer only (a round in progress fails harmlessly when the database closes). */
  cancel(): void;
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

/**
 * The library's chores, off the UI path: after the startup sweep and then every hour, purge expired trash and take
 * a backup when the newest is older than a day. A failed chore is logged and tried again next round; it never throws.
 */
export function startRoutineMaintenance(deps: RoutineDeps, after: Promise<unknown>): RoutineMaintenance {
  const interval = deps.intervalMs ?? MAINTENANCE_INTERVAL_MS;
  let stopped = false;
  let cancelTimer: (() => void) | null = null;
  let current: Promise<void> = Promise.resolve();

  const round = async (): Promise<void> => {
    const prefs = deps.prefs();
    try {
      await deps.trash.purgeExpired(prefs.trashRetentionDays);
    } catch (error) {
      deps.log(`[library] purging expired trash failed: ${describe(error)}`);
    }
    if (stopped) return;
    try {
      await deps.backups.backupIfStale(prefs.backupsToKeep, BACKUP_MAX_AGE_MS);
    } catch (error) {
      deps.log(`[library] backup failed: ${describe(error)}`);
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    cancelTimer = deps.clock.after(interval, () => {
      cancelTimer = null;
      if (stopped) return;
      current = round().finally(schedule);
    });
  };

  const firstRound = after
    .catch(() => undefined)
    .then(() => {
      if (stopped) return;
      current = round();
      return current;
    })
    .finally(schedule);

  return {
    firstRound,
    // Waits for a round in progress only: quitting never waits for the startup sweep itself.
    async stop() {
      stopped = true;
      cancelTimer?.();
      await current.catch(() => undefined);
    },
    cancel() {
      stopped = true;
      cancelTimer?.();
    },
  };
}

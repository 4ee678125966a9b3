import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { LibraryHealth } from '../../../shared/ipc/schemas/library.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { DbChecks } from '../db/dbChecks.ts';
import type { Backups } from '../library/backup.ts';
import type { Library } from '../library/library.ts';
import { readLibraryPrefs } from '../library/libraryPrefs.ts';
import { inspectBackups } from '../library/backupChecks.ts';
import { scheduleRestore } from '../library/restore.ts';
import type { Trash } from '../library/trash.ts';

type MaintenanceRoutes =
  | 'images.trash'
  | 'images.restore'
  | 'images.delete_forever'
  | 'trash.empty'
  | 'library.check_integrity'
  | 'library.backup_now'
  | 'library.list_backups'
  | 'library.restore_backup'
  | 'library.health';

/** The trash, and keeping the library safe: integrity check and backups on demand. */
export const maintenanceHandlers = (deps: {
  checks: DbChecks;
  health: () => LibraryHealth;
  library: Library;
  trash: Trash;
  backups: Backups;
  dataDir: string;
  /** Restarts the app (the shell's); without it a scheduled restore waits for the next start. */
  relaunch?: () => void;
}): Pick<Handlers<RequestContext>, MaintenanceRoutes> => ({
  'images.trash': async ({ ids }) => ({ updated: deps.trash.trash(ids).length }),
  'images.restore': async ({ ids }) => ({ updated: deps.trash.restore(ids).length }),
  'images.delete_forever': async ({ ids }) => ({ purged: await deps.trash.purge(ids) }),
  'trash.empty': async () => ({ purged: await deps.trash.empty() }),
  'library.check_integrity': () => deps.checks.integrity(),
  'library.health': async () => deps.health(),
  'library.backup_now': async () => deps.backups.backupNow(readLibraryPrefs(deps.library).backupsToKeep),
  'library.list_backups': async () => {
    const names = (await deps.backups.list()).map((b) => b.name);
    const checks = await inspectBackups(deps.dataDir, names, deps.checks.checkFile);
    return { backups: checks.map((c) => ({ name: c.name, at: c.at, bytes: c.bytes, images: c.images, ok: c.ok, problem: c.ok ? null : c.result })) };
  },
  'library.restore_backup': async ({ name }) => {
    const { movedTo } = await scheduleRestore(deps.dataDir, name, { check: deps.checks.checkFile });
    const { relaunch } = deps;
    // After this answer has gone out: the restart closes the window that asked.
    if (relaunch) setTimeout(relaunch, 200);
    return { movedTo, relaunching: relaunch !== undefined };
  },
});

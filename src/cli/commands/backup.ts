import Database from 'better-sqlite3';
import { join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { listBackups } from '../../main/core/library/backup.ts';
import { readLibraryPrefs } from '../../main/core/library/libraryPrefs.ts';
import { inspectBackups } from '../../main/core/library/backupChecks.ts';
import { DB_NAME, restoreDatabase } from '../../main/core/library/restore.ts';
import { reindexOrphans } from '../../main/core/transfer/reindexOrphans.ts';
import type { BackupArgs } from '../backupArgs.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Whether another process (the app, another CLI run) has the library open: it would keep writing to the file the
 * restore moves aside. An exclusive lock is refused while any other connection is open.
 */
const assertNotInUse = (dataDir: string): void => {
  let db: Database.Database | null = null;
  try {
    db = new Database(join(dataDir, DB_NAME), { fileMustExist: true, timeout: 200 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new AppError('INVALID_INPUT', 'The library is open in Lagoon (or another lagoon command). Quit it, then restore again.');
    }
    // A database too damaged to lock is exactly what a restore is for; a missing one needs none of this.
  } finally {
    db?.close();
  }
};

export async function backupCommand(ctx: CliContext, command: BackupArgs): Promise<number> {
  if (command.name === 'backup.list') {
    const checks = await inspectBackups(ctx.dataDir, (await listBackups(ctx.dataDir)).map((b) => b.name));
    for (const c of checks) {
      const record = { name: c.name, at: new Date(c.at).toISOString(), bytes: c.bytes, images: c.images, ok: c.ok, ...(c.ok ? {} : { problem: c.result }) };
      ctx.out.emit(record, () => `${c.name}  ${record.at}  ${megabytes(c.bytes)}  ${c.images ?? '?'} images  ${c.ok ? 'ok' : `DAMAGED: ${c.result.split('\n')[0]}`}`);
    }
    if (checks.length === 0) ctx.out.text(`No backups yet in ${join(ctx.dataDir, 'backups')}.`);
    return EXIT_OK;
  }
  if (command.name === 'backup.create') {
    const services = ctx.services();
    const taken = await services.backups.backupNow(readLibraryPrefs(services.library).backupsToKeep);
    ctx.out.emit({ name: taken.name, at: new Date(taken.at).toISOString(), kept: taken.kept }, () => `Backed up the library to ${taken.name} (${taken.kept} kept).`);
    return EXIT_OK;
  }
  assertNotInUse(ctx.dataDir);
  const { movedTo } = await restoreDatabase(ctx.dataDir, command.backup);
  const services = ctx.services();
  const report = await reindexOrphans({ db: services.db, library: services.library, dataDir: ctx.dataDir });
  ctx.out.emit({ restored: command.backup, movedTo, ...report }, () =>
    [
      `Restored the library's database from ${command.backup}. The previous database is kept in ${join(ctx.dataDir, movedTo)}.`,
      `Images made after the backup added again from their files: ${report.reindexed}` +
        (report.left.length > 0 ? `; ${report.left.length} could not be read and stay in images/ (the app's start-up check moves them to quarantine/).` : '.'),
    ].join('\n'),
  );
  return EXIT_OK;
}

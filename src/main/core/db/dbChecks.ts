import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { type CheckResult, type CheckTask, checkIntegrity, finishBackupCopy, type IntegrityReport, quickCheck, runCheckTask } from './checks.ts';

/**
 * The library's long checks (quick_check at start, integrity_check on demand, the check of each backup copy). At a
 * million images each reads gigabytes for seconds; on the main process's thread that would freeze every request
 * the window makes (the first page of the grid included). With a worker script (the app's build provides one) each
 * check runs on a worker thread with its own read-only connection, which WAL lets read beside the app's writes.
 * Without one (the CLI, tests), or if a worker cannot start, the check runs in-thread: slower to wait for, never
 * skipped.
 */
export interface DbChecks {
  quickCheck(): Promise<string>;
  integrity(): Promise<IntegrityReport>;
  /** Makes a backup copy self-contained and checks it. */
  finishBackupCopy(path: string): Promise<IntegrityReport>;
  /** integrity_check of another database file, opened read-only (a backup before it is listed or restored). */
  checkFile(path: string): Promise<IntegrityReport>;
}

export interface DbChecksOptions {
  db: Database.Database;
  /** Absolute path of checkWorker.ts as built; absent → in-thread. */
  workerPath?: string;
  log?: (line: string) => void;
}

const inWorker = (workerPath: string, task: CheckTask): Promise<CheckResult> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: task });
    let settled = false;
    worker.once('message', (result: CheckResult) => {
      settled = true;
      resolve(result);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the check worker exited with code ${code} before answering`));
    });
  });

export function createDbChecks(opts: DbChecksOptions): DbChecks {
  const { db, workerPath } = opts;
  const log = opts.log ?? console.error;
  const run = async <T extends CheckResult>(task: CheckTask, inThread: () => T): Promise<T> => {
    if (workerPath === undefined) return inThread();
    try {
      return (await inWorker(workerPath, task)) as T;
    } catch (error) {
      log(`[db] check worker unavailable, checking in-thread: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
      return inThread();
    }
  };
  return {
    quickCheck: () => run({ kind: 'quick', path: db.name }, () => quickCheck(db)),
    integrity: () => run({ kind: 'integrity', path: db.name }, () => checkIntegrity(db)),
    finishBackupCopy: (path) => run({ kind: 'finishCopy', path }, () => finishBackupCopy(path)),
    checkFile: (path) => run({ kind: 'integrity', path }, () => runCheckTask({ kind: 'integrity', path }) as IntegrityReport),
  };
}

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../shared/errors.ts';
import { type MigrationStep, pendingMigrations } from './migrate.ts';
import type { MigrateMessage } from './migrateWorker.ts';

/**
 * How many migrations the library at `path` still needs, read without writing a byte (0 when there is no file yet:
 * a new library is created in a moment, nothing to show a window for).
 */
export const pendingMigrationsAt = (path: string): number => {
  if (!existsSync(path)) return 0;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return pendingMigrations(db);
  } finally {
    db.close();
  }
};

const asAppError = (failed: Extract<MigrateMessage, { failed: unknown }>['failed']): Error =>
  failed.code && (ERROR_CODES as readonly string[]).includes(failed.code)
    ? new AppError(failed.code as ErrorCode, failed.message, failed.details)
    : new AppError('STORAGE_FAILED', 'The library database could not be prepared. It may be damaged or the disk may be full.', undefined, { cause: new Error(failed.message) });

/**
 * Applies the pending migrations of the library at `path` on a worker thread (migrateWorker.ts), reporting each step
 * as it begins, so the caller's thread can show progress. Each migration commits on its own: a kill in the middle
 * keeps those done, and the next start resumes with the rest. Without a worker script it runs in this thread.
 */
export async function migrateOffThread(path: string, workerPath: string | undefined, onStep: (step: MigrationStep) => void): Promise<void> {
  if (workerPath === undefined) {
    const { openDatabase, closeDatabase } = await import('./openDatabase.ts');
    closeDatabase(openDatabase(path, { onMigrationStep: onStep }));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: { path } });
    let settled = false;
    worker.on('message', (message: MigrateMessage) => {
      if ('step' in message) onStep(message.step);
      else {
        settled = true;
        if ('done' in message) resolve();
        else reject(asAppError(message.failed));
      }
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The migration worker stopped (exit ${code}).`));
    });
  });
}

/**
 * Worker-thread entry for migrateOffThread.ts: opens the library (which applies every pending migration) on its own
 * connection, posting each step as it begins, then closes it. The main process stays free to paint the progress
 * window meanwhile; better-sqlite3 is synchronous, so in the main thread a long migration would freeze it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MigrationStep } from './migrate.ts';
import { closeDatabase, openDatabase } from './openDatabase.ts';

export type MigrateMessage = { step: MigrationStep } | { done: true } | { failed: { name: string; message: string; code?: string; details?: unknown } };

// A worker's port has no origin to name (the lint rule is for window.postMessage).
// oxlint-disable-next-line unicorn/require-post-message-target-origin
const post = (message: MigrateMessage): void => parentPort?.postMessage(message);

try {
  closeDatabase(openDatabase((workerData as { path: string }).path, { onMigrationStep: (step) => post({ step }) }));
  post({ done: true });
} catch (error) {
  const e = error as { name?: string; message?: string; code?: string; details?: unknown };
  post({ failed: { name: e.name ?? 'Error', message: e.message ?? String(error), ...(e.code ? { code: e.code } : {}), ...(e.details === undefined ? {} : { details: e.details }) } });
}

/**
 * Worker-thread entry for dbChecks.ts: runs one check (workerData: a CheckTask) on its own connection and posts the
 * result, so the main process keeps serving the window while SQLite reads the whole file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckTask, runCheckTask } from './checks.ts';

// A worker's port has no origin to name (the lint rule is for window.postMessage).
// oxlint-disable-next-line unicorn/require-post-message-target-origin
parentPort?.postMessage(runCheckTask(workerData as CheckTask));

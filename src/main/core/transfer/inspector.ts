import { Worker } from 'node:worker_threads';
import { type Inspection, inspectImage, type InspectTask } from './inspectImage.ts';
import { type InspectReply, inspectionOf, READY, requestOf } from './inspectMessages.ts';

/**
 * Runs inspectImage for untrusted files on a worker thread with a heap cap and a time budget per file, so no file's
 * metadata can freeze the window or exhaust the process: a file over budget is answered `over-budget` (its import
 * is skipped with that reason) and the next file gets a fresh worker. One worker serves a whole import, file after
 * file. Without a worker script (the CLI from source passes one; a caller may not), files are inspected in-thread,
 * still within the per-file inflate and XMP caps.
 */
type InspectOutcome = { bytes: Buffer; inspection: Inspection } | { overBudget: 'time' | 'memory' | 'crashed' };

export interface Inspector {
  inspect(task: InspectTask): Promise<InspectOutcome>;
  /** Ends the worker; the inspector starts a new one if used again. */
  close(): Promise<void>;
}

export interface InspectorOptions {
  /** Absolute path of inspectWorker.ts as built (or its source, run by Node's type stripping); absent → in-thread. */
  workerPath?: string;
  /** Per file; the worker is ended when a file takes longer. */
  timeBudgetMs?: number;
  /** The worker's V8 heap cap, in MB (file bytes themselves live outside the heap). */
  maxHeapMb?: number;
}

const DEFAULT_TIME_BUDGET_MS = 2000;
const DEFAULT_MAX_HEAP_MB = 192;
/** For the worker to load its modules, apart from any file's budget. */
const STARTUP_MS = 30_000;

interface Pending {
  id: number;
  resolve: (outcome: InspectOutcome) => void;
  timer: NodeJS.Timeout;
}

export function createInspector(opts: InspectorOptions = {}): Inspector {
  const { workerPath } = opts;
  const timeBudgetMs = opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const maxHeapMb = opts.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  let worker: Worker | null = null;
  let pending: Pending | null = null;
  let nextId = 1;

  const settle = (outcome: InspectOutcome): void => {
    if (!pending) return;
    clearTimeout(pending.timer);
    const { resolve } = pending;
    pending = null;
    resolve(outcome);
  };

  const discard = (): void => {
    const dead = worker;
    worker = null;
    void dead?.terminate();
  };

  /** Resolves once the worker has loaded its modules (or null if it could not start within STARTUP_MS). */
  const start = (path: string): Promise<Worker | null> =>
    new Promise((resolve) => {
      const started = new Worker(path, {
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      });
      const startup = setTimeout(() => {
        void started.terminate();
        resolve(null);
      }, STARTUP_MS);
      started.on('message', (reply: InspectReply | typeof READY) => {
        if (reply === READY) {
          clearTimeout(startup);
          resolve(started);
        } else if (pending?.id === reply.id) settle(inspectionOf(reply));
      });
      // Only the current worker speaks for the pending file: one ended for its time budget may exit later.
      started.on('error', (error: Error & { code?: string }) => {
        clearTimeout(startup);
        resolve(null);
        if (worker !== started) return;
        worker = null;
        settle({ overBudget: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed' });
      });
      started.on('exit', () => {
        clearTimeout(startup);
        resolve(null);
        if (worker !== started) return;
        worker = null;
        settle({ overBudget: 'crashed' });
      });
      // An idle worker must not keep a CLI run alive.
      started.unref();
    });

  const inWorker = async (path: string, task: InspectTask): Promise<InspectOutcome> => {
    worker ??= await start(path);
    // A worker that cannot start at all says nothing about this file: it is inspected in-thread instead.
    if (!worker) return { bytes: task.bytes, inspection: inspectImage(task) };
    const current = worker;
    return new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        discard();
        settle({ overBudget: 'time' });
      }, timeBudgetMs);
      pending = { id, resolve, timer };
      const { request, transfer } = requestOf(id, task);
      try {
        current.postMessage(request, transfer);
      } catch {
        // Memory a native addon made (sharp's output) cannot be transferred: the file is copied instead. (A worker's
        // port has no origin to name; the lint rule is for window.postMessage.)
        // oxlint-disable-next-line unicorn/require-post-message-target-origin
        current.postMessage({ ...request, bytes: new Uint8Array(request.bytes) });
      }
    });
  };

  let chain: Promise<unknown> = Promise.resolve();
  return {
    inspect(task) {
      if (workerPath === undefined) return Promise.resolve({ bytes: task.bytes, inspection: inspectImage(task) });
      // One file at a time per worker: the budget timer measures that file alone.
      const run = chain.then(() => inWorker(workerPath, task));
      chain = run.catch(() => undefined);
      return run;
    },
    async close() {
      await chain;
      discard();
    },
  };
}

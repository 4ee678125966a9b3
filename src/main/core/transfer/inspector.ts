import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorPayload, isAppError } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { renderImage, type RenderedImage } from '../library/renderImage.ts';
import { type Inspection, inspectImage, type InspectTask } from './inspectImage.ts';
import { inspectionOf, READY, renderedOf, renderRequestOf, requestOf, type WorkerReply, type WorkerRequest } from './inspectMessages.ts';
import { type RunningBudget, runningBudget } from './runningBudget.ts';

/**
 * Runs inspectImage (and then renderImage) for untrusted files on a worker thread with a heap cap and a time budget
 * per file, so no file's metadata can freeze the window or exhaust the process: a file over budget is answered
 * `over-budget` (its import is skipped with that reason) and the next file gets a fresh worker. One worker serves
 * file after file; inspectorPool.ts runs several for an import. Without a worker script (the CLI from source passes
 * one; a caller may not), files are inspected in-thread, still within the per-file inflate and XMP caps.
 */
type OverBudget = { overBudget: 'time' | 'memory' | 'crashed' };
type InspectOutcome = { bytes: Buffer; inspection: Inspection } | OverBudget;
type RenderOutcome = { bytes: Buffer; rendered: RenderedImage } | { bytes: Buffer; error: AppErrorPayload } | OverBudget;

export interface Inspector {
  inspect(task: InspectTask): Promise<InspectOutcome>;
  /** Probes, thumbnails and makes the placeholder of `bytes` (as the decoder may see them); hands the bytes back. */
  render(bytes: Buffer, format: ImageFormat): Promise<RenderOutcome>;
  /** Ends the worker; the inspector starts a new one if used again. */
  close(): Promise<void>;
}

export interface InspectorOptions {
  /** Absolute path of inspectWorker.ts as built (or its source, run by Node's type stripping); absent → in-thread. */
  workerPath?: string;
  /** Per file, for its metadata; the worker is ended when a file takes longer. */
  timeBudgetMs?: number;
  /** The worker's V8 heap cap, in MB (file bytes themselves live outside the heap). */
  maxHeapMb?: number;
}

const DEFAULT_TIME_BUDGET_MS = 2000;
/** Decoding is native and async (sharp's own 20 s timeout); this only ends a worker that stopped answering. */
const RENDER_BUDGET_MS = 30_000;
const DEFAULT_MAX_HEAP_MB = 192;
/** For the worker to load its modules, apart from any file's budget. */
const STARTUP_MS = 30_000;

interface Pending {
  id: number;
  resolve: (reply: WorkerReply | OverBudget) => void;
  budget: RunningBudget;
}

const renderInThread = async (bytes: Buffer, format: ImageFormat): Promise<RenderOutcome> => {
  try {
    return { bytes, rendered: await renderImage(bytes, format) };
  } catch (error) {
    return { bytes, error: (isAppError(error) ? error : new AppError('INVALID_RESPONSE', 'The image could not be decoded.')).toPayload() };
  }
};

const renderOutcomeOf = (reply: WorkerReply | OverBudget): RenderOutcome => {
  if ('overBudget' in reply) return reply;
  if (reply.kind !== 'render') return { overBudget: 'crashed' };
  const { bytes, rendered } = renderedOf(reply);
  return 'error' in rendered ? { bytes, error: rendered.error } : { bytes, rendered };
};

const inspectOutcomeOf = (reply: WorkerReply | OverBudget): InspectOutcome => {
  if ('overBudget' in reply) return reply;
  return reply.kind === 'inspect' ? inspectionOf(reply) : { overBudget: 'crashed' };
};

/**
 * Starts a worker and resolves once it has loaded its modules (or null if it could not start within STARTUP_MS).
 * `died` is told when it crashes, runs out of memory or exits.
 */
const startWorker = (
  path: string,
  maxHeapMb: number,
  hooks: { reply: (reply: WorkerReply) => void; died: (worker: Worker, why: OverBudget) => void },
): Promise<Worker | null> =>
  new Promise((resolve) => {
    const started = new Worker(path, {
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    const startup = setTimeout(() => {
      void started.terminate();
      resolve(null);
    }, STARTUP_MS);
    started.on('message', (reply: WorkerReply | typeof READY) => {
      if (reply === READY) {
        clearTimeout(startup);
        resolve(started);
      } else hooks.reply(reply);
    });
    started.on('error', (error: Error & { code?: string }) => {
      clearTimeout(startup);
      resolve(null);
      hooks.died(started, { overBudget: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed' });
    });
    started.on('exit', () => {
      clearTimeout(startup);
      resolve(null);
      hooks.died(started, { overBudget: 'crashed' });
    });
    // An idle worker must not keep a CLI run alive.
    started.unref();
  });

export function createInspector(opts: InspectorOptions = {}): Inspector {
  const { workerPath } = opts;
  const timeBudgetMs = opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const maxHeapMb = opts.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  let worker: Worker | null = null;
  let pending: Pending | null = null;
  let nextId = 1;

  const settle = (outcome: WorkerReply | OverBudget): void => {
    if (!pending) return;
    pending.budget.clear();
    const { resolve } = pending;
    pending = null;
    resolve(outcome);
  };

  const discard = (): void => {
    const dead = worker;
    worker = null;
    void dead?.terminate();
  };

  // Only the current worker speaks for the pending file: one ended for its time budget may exit later.
  const start = (path: string): Promise<Worker | null> =>
    startWorker(path, maxHeapMb, {
      reply: (reply) => {
        if (pending?.id === reply.id) settle(reply);
      },
      died: (started, why) => {
        if (worker !== started) return;
        worker = null;
        settle(why);
      },
    });

  /** Sends one request to the running worker; null when no worker could start (the caller works in-thread). */
  const inWorker = async (path: string, budgetMs: number, outgoing: (id: number) => { message: WorkerRequest; transfer: ArrayBuffer[] }): Promise<WorkerReply | OverBudget | null> => {
    worker ??= await start(path);
    if (!worker) return null;
    const current = worker;
    return new Promise((resolve) => {
      const id = nextId++;
      // Time the process was stopped or its loop blocked is not held against the file.
      const budget = runningBudget(budgetMs, () => {
        discard();
        settle({ overBudget: 'time' });
      });
      pending = { id, resolve, budget };
      const { message, transfer } = outgoing(id);
      try {
        current.postMessage(message, transfer);
      } catch {
        // Memory a native addon made (sharp's output) cannot be transferred: the file is copied instead. (A worker's
        // port has no origin to name; the lint rule is for window.postMessage.)
        // oxlint-disable-next-line unicorn/require-post-message-target-origin
        current.postMessage({ ...message, bytes: new Uint8Array(message.bytes) });
      }
    });
  };

  // One file at a time per worker: the budget timer measures that file alone.
  let chain: Promise<unknown> = Promise.resolve();
  const queued = <T>(run: () => Promise<T>): Promise<T> => {
    const next = chain.then(run);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    inspect(task) {
      if (workerPath === undefined) return Promise.resolve({ bytes: task.bytes, inspection: inspectImage(task) });
      return queued(async () => {
        const reply = await inWorker(workerPath, timeBudgetMs, (id) => requestOf(id, task));
        // A worker that cannot start at all says nothing about this file: it is inspected in-thread instead.
        return reply === null ? { bytes: task.bytes, inspection: inspectImage(task) } : inspectOutcomeOf(reply);
      });
    },
    render(bytes, format) {
      if (workerPath === undefined) return renderInThread(bytes, format);
      return queued(async () => {
        const reply = await inWorker(workerPath, RENDER_BUDGET_MS, (id) => renderRequestOf(id, bytes, format));
        return reply === null ? renderInThread(bytes, format) : renderOutcomeOf(reply);
      });
    },
    async close() {
      await chain;
      discard();
    },
  };
}

import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createInspector, type Inspector } from '../../src/main/core/transfer/inspector.ts';
import { a1111OneWord } from './fixtures/hostileFiles.ts';
import { makeImage } from './fixtures/transferImages.ts';

/**
 * A file's time budget counts time the process ran. A blocked event loop (here: the test blocks it, as a stopped
 * process or a long synchronous step would) must not turn a file the worker answered in time into "over budget".
 */
const WORKER = fileURLToPath(new URL('../../src/main/core/transfer/inspectWorker.ts', import.meta.url));
const BUDGET_MS = 300;

const blockEventLoop = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

let inspector: Inspector | undefined;
afterEach(async () => {
  await inspector?.close();
});

const task = async (fileName: string, bytes?: Buffer) => ({
  bytes: bytes ?? (await makeImage('png', { seed: 7 })),
  format: 'png' as const,
  fileName,
  importedAt: Date.now(),
});

describe('the inspect budget counts running time only', () => {
  it('reads a file whose answer waited behind a blocked event loop', { timeout: 30_000 }, async () => {
    inspector = createInspector({ workerPath: WORKER, timeBudgetMs: BUDGET_MS });
    // The worker is started (its modules loaded) before the file that is timed.
    expect(await inspector.inspect(await task('warm.png'))).toHaveProperty('inspection');
    const timed = inspector.inspect(await task('timed.png'));
    // The request goes out in this turn's microtasks; then the loop is blocked for three budgets while the worker
    // answers within milliseconds.
    setImmediate(() => blockEventLoop(3 * BUDGET_MS));
    const outcome = await timed;
    expect(outcome).not.toHaveProperty('overBudget');
    expect(outcome).toMatchObject({ inspection: { ok: true } });
  });

  it('still ends a file that takes longer than its budget while the loop runs', { timeout: 30_000 }, async () => {
    inspector = createInspector({ workerPath: WORKER, timeBudgetMs: 1 });
    expect(await inspector.inspect(await task('slow.png', await a1111OneWord(3, 1_000_000)))).toEqual({ overBudget: 'time' });
  });
});

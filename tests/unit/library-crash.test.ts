import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { reconcileLibrary, type ReconcileReport } from '../../src/main/core/library/reconcile.ts';
import { crashSeed, type CrashWorkerRun, runCrashWorker, SOAK_BUDGET_MS, SOAK_CYCLES, soakWithRandomKills } from './helpers/crashWorker.ts';
import { libraryRows, libraryViolations, sha256Of } from './helpers/libraryInvariants.ts';

/**
 * RELIABILITY D2/D3: a child ingests real images and is SIGKILLed, at a chosen protocol step or at a random moment.
 * After every kill: open the database, reconcile, and check I1–I5. Each run prints its seed when it fails.
 */
const WORKER = fileURLToPath(new URL('./fixtures/ingestWorker.ts', import.meta.url));
const STEPS = [
  'prepare', 'image:before-sync', 'image:before-rename', 'image:after-rename', 'image:written', 'thumb:before-sync',
  'thumb:before-rename', 'thumb:after-rename', 'before-insert', 'after-commit', 'after-ack',
] as const;
type Step = (typeof STEPS)[number];
const RUNS_PER_STEP = 3;
const BASE_SEED = crashSeed(0x1a6007);
const CHILD_TIMEOUT_MS = 30_000;

const dirs: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lagoon-crash-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface WorkerRun extends CrashWorkerRun {
  acks: string[];
  payloads: string[];
}

/** Runs the worker to its end; with `killAfterMs`, the parent SIGKILLs it that long after it reports READY. */
const runWorker = async (env: Record<string, string>, killAfterMs?: number): Promise<WorkerRun> => {
  const acks: string[] = [];
  const payloads: string[] = [];
  const run = await runCrashWorker(WORKER, env, {
    timeoutMs: CHILD_TIMEOUT_MS,
    ...(killAfterMs === undefined ? {} : { killAfterMs }),
    onLine: ([word, arg = '']) => {
      if (word === 'ACK') acks.push(arg);
      else if (word === 'PAYLOAD') payloads.push(arg);
    },
  });
  return { ...run, acks, payloads };
};

interface Check {
  report: ReconcileReport;
  rows: number;
  violations: string[];
}

/**
 * Reconciles `dataDir` as the app does at startup (grace 0: nothing is in flight any more) and checks I1–I5.
 * `verified` caches ids whose file hash was already checked; files are immutable, so later passes stat them only.
 */
const reconcileAndCheck = async (dataDir: string, acked: Set<string>, payloads: Set<string>, verified = new Set<string>()): Promise<Check> => {
  const db = openDatabase(join(dataDir, 'lagoon.db'));
  const violations: string[] = [];
  try {
    const report = await reconcileLibrary({ db, dataDir, graceMs: 0 });
    if (report.quickCheck !== 'ok') violations.push(`quick_check: ${report.quickCheck}`);
    if (report.problems.length > 0) violations.push(`reconcile problems: ${report.problems.join(', ')}`);
    if (report.rowsMissingFile > 0) violations.push(`${report.rowsMissingFile} rows lost their file`);
    const rows = libraryRows(db);
    const quarantined = (name: string, path: string) =>
      // A quarantined file was renamed only after its fsync: it must be a whole payload, never half-written.
      payloads.has(sha256Of(readFileSync(path))) ? null : `quarantined file is not a whole payload: ${name}`;
    violations.push(...libraryViolations(db, dataDir, rows, { payloads, verified, quarantined }));
    // I5
    const ids = new Set(rows.filter((r) => r.missing === null).map((r) => r.id));
    for (const id of acked) if (!ids.has(id)) violations.push(`I5 acknowledged ${id} is missing`);
    return { report, rows: rows.length, violations };
  } finally {
    closeDatabase(db);
  }
};

const zeroReport = { tempFilesRemoved: 0, orphansQuarantined: 0, orphanThumbsRemoved: 0, rowsMissingFile: 0, rowsRecovered: 0, thumbsRegenerated: 0 };

/** What the sweep must find after a kill at each step of the (n-th) ingest: the protocol leaves exactly this behind. */
const EXPECTED: Record<Step, { temps: number; quarantined: number; thumbs: number; committed: boolean; acked: boolean }> = {
  prepare: { temps: 0, quarantined: 0, thumbs: 0, committed: false, acked: false },
  'image:before-sync': { temps: 1, quarantined: 0, thumbs: 0, committed: false, acked: false },
  'image:before-rename': { temps: 1, quarantined: 0, thumbs: 0, committed: false, acked: false },
  'image:after-rename': { temps: 0, quarantined: 1, thumbs: 0, committed: false, acked: false },
  'image:written': { temps: 0, quarantined: 1, thumbs: 0, committed: false, acked: false },
  'thumb:before-sync': { temps: 1, quarantined: 1, thumbs: 0, committed: false, acked: false },
  'thumb:before-rename': { temps: 1, quarantined: 1, thumbs: 0, committed: false, acked: false },
  'thumb:after-rename': { temps: 0, quarantined: 1, thumbs: 1, committed: false, acked: false },
  'before-insert': { temps: 0, quarantined: 1, thumbs: 1, committed: false, acked: false },
  'after-commit': { temps: 0, quarantined: 0, thumbs: 0, committed: true, acked: false },
  'after-ack': { temps: 0, quarantined: 0, thumbs: 0, committed: true, acked: true },
};

describe('SIGKILL at each ingest step (D2)', () => {
  it.each(STEPS)('%s: I1–I5 hold after reconcile, and reconcile finds exactly what the step left', { timeout: 90_000 }, async (step) => {
    for (let run = 0; run < RUNS_PER_STEP; run++) {
      const seed = BASE_SEED + STEPS.indexOf(step) * 100 + run;
      const nth = 1 + (run % 3);
      const dataDir = newDataDir();
      const child = await runWorker({ DATA_DIR: dataDir, SEED: String(seed), COUNT: '3', CRASH_AT: step, CRASH_NTH: String(nth) });
      const context = `step ${step}, run ${run}, seed ${seed}, CRASH_NTH ${nth}; stderr: ${child.stderr.slice(0, 500)}`;
      expect({ signal: child.signal, lastPhase: child.lastPhase, timedOut: child.timedOut }, context)
        .toEqual({ signal: 'SIGKILL', lastPhase: step, timedOut: false });
      const expected = EXPECTED[step];
      expect(child.acks, context).toHaveLength(nth - 1 + (expected.acked ? 1 : 0));

      const check = await reconcileAndCheck(dataDir, new Set(child.acks), new Set(child.payloads));
      expect(check.violations, context).toEqual([]);
      expect(check.rows, context).toBe(nth - 1 + (expected.committed ? 1 : 0));
      expect(check.report, context).toEqual({
        ...zeroReport, quickCheck: 'ok', problems: [],
        tempFilesRemoved: expected.temps, orphansQuarantined: expected.quarantined, orphanThumbsRemoved: expected.thumbs,
      });
      // Reconcile is idempotent, and the library works again after the crash: a clean restart ingests normally.
      const again = await runWorker({ DATA_DIR: dataDir, SEED: String(seed + 50_000), COUNT: '1' });
      expect({ code: again.code, acks: again.acks.length }, context).toEqual({ code: 0, acks: 1 });
      const second = await reconcileAndCheck(dataDir, new Set([...child.acks, ...again.acks]), new Set([...child.payloads, ...again.payloads]));
      expect(second.violations, context).toEqual([]);
      expect(second.report, context).toEqual({ ...zeroReport, quickCheck: 'ok', problems: [] });
    }
  });
});

describe('random SIGKILL while ingesting continuously (D3)', () => {
  it(`survives ${SOAK_CYCLES} kills at random moments with I1–I5 intact`, { timeout: SOAK_BUDGET_MS + 30_000 }, async () => {
    const dataDir = newDataDir();
    const acked = new Set<string>();
    const payloads = new Set<string>();
    const verified = new Set<string>();
    const phases = await soakWithRandomKills({
      baseSeed: BASE_SEED,
      maxKillMs: 300,
      runKilled: async (seed, killAfterMs) => {
        const child = await runWorker({ DATA_DIR: dataDir, SEED: String(seed) }, killAfterMs);
        for (const id of child.acks) acked.add(id);
        for (const p of child.payloads) payloads.add(p);
        return child;
      },
      violations: async () => (await reconcileAndCheck(dataDir, acked, payloads, verified)).violations,
    });
    // A last full pass re-hashes every file, not only the ones added since the previous check.
    const final = await reconcileAndCheck(dataDir, acked, payloads);
    expect(final.violations, `base seed ${BASE_SEED}`).toEqual([]);
    expect(final.rows).toBeGreaterThanOrEqual(acked.size);
    console.log(`D3: ${SOAK_CYCLES} cycles, ${acked.size} acknowledged, ${final.rows} rows; last phase before the kill: ${JSON.stringify(phases)}`);
    expect(acked.size).toBeGreaterThan(0);
  });
});

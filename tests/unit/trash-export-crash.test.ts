import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { mediaName } from '../../src/main/core/library/mediaNames.ts';
import { listPendingPurges } from '../../src/main/core/library/pendingPurges.ts';
import { reconcileLibrary, type ReconcileReport } from '../../src/main/core/library/reconcile.ts';
import { createTrash } from '../../src/main/core/library/trash.ts';
import { sweepStalePartials } from '../../src/main/core/transfer/exclusiveFile.ts';
import { readEmbedded } from '../../src/main/core/transfer/metadata.ts';
import { crashSeed, type CrashWorkerRun, runCrashWorker, SOAK_BUDGET_MS, SOAK_CYCLES, soakWithRandomKills } from './helpers/crashWorker.ts';
import { type LibraryRow, libraryRows, libraryViolations } from './helpers/libraryInvariants.ts';

/**
 * RELIABILITY D2/D3 for delete, purge and export: a child trashes, purges and exports real images and is SIGKILLed
 * at each step of those protocols, or at random moments. After every kill the app's start-up is replayed (finish
 * interrupted purges, sweep the library, sweep the export folder's partials) and the invariants are checked: no
 * half file, no orphan row or file, no lost live image, no purged image back (not even in quarantine), nothing
 * under a final export name that is not whole, integrity ok. A failing run prints its seed.
 */
const WORKER = fileURLToPath(new URL('./fixtures/curateWorker.ts', import.meta.url));
const STEPS = [
  'trash:after-commit', 'purge:after-commit', 'purge:after-unlink', 'purge:before-forget', 'purge:done',
  'export:before-sync', 'export:before-link', 'export:after-link', 'export:done',
] as const;
type Step = (typeof STEPS)[number];
/** How many times each step is reached in MODE=steps (two images purged in one batch, two exported with sidecars). */
const HITS: Record<Step, number> = {
  'trash:after-commit': 1, 'purge:after-commit': 1, 'purge:after-unlink': 4, 'purge:before-forget': 1, 'purge:done': 1,
  'export:before-sync': 4, 'export:before-link': 4, 'export:after-link': 4, 'export:done': 1,
};
const BASE_SEED = crashSeed(0x7a54);
const CHILD_TIMEOUT_MS = 30_000;

const dirs: string[] = [];
const newDirs = () => {
  const root = mkdtempSync(join(tmpdir(), 'lagoon-curate-crash-'));
  dirs.push(root);
  const exportDir = join(root, 'export');
  mkdirSync(exportDir);
  return { dataDir: join(root, 'data'), exportDir };
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** What the child said before it died. */
interface Ledger {
  payloads: Set<string>;
  ingested: Set<string>;
  trashed: Set<string>;
  /** Every id a purge may have touched (all trashed images when it started). */
  purging: Set<string>;
  purged: Set<string>;
  exports: number;
}
const newLedger = (): Ledger => ({ payloads: new Set(), ingested: new Set(), trashed: new Set(), purging: new Set(), purged: new Set(), exports: 0 });

const list = (arg: string): string[] => arg.split(',').filter(Boolean);

const runWorker = (env: Record<string, string>, ledger: Ledger, killAfterMs?: number): Promise<CrashWorkerRun> =>
  runCrashWorker(WORKER, env, {
    timeoutMs: CHILD_TIMEOUT_MS,
    ...(killAfterMs === undefined ? {} : { killAfterMs }),
    onLine: ([word = '', what = '', arg = '']) => {
      if (word === 'PAYLOAD') ledger.payloads.add(what);
      else if (word === 'PURGING') for (const id of list(what)) ledger.purging.add(id);
      else if (word === 'ACK' && what === 'ingest') ledger.ingested.add(arg);
      else if (word === 'ACK' && what === 'trash') for (const id of list(arg)) ledger.trashed.add(id);
      else if (word === 'RESTORING') for (const id of list(what)) ledger.trashed.delete(id);
      else if (word === 'ACK' && what === 'purge') for (const id of list(arg)) ledger.purged.add(id);
      else if (word === 'ACK' && what === 'export') ledger.exports += Number(arg);
    },
  });

interface Check {
  report: ReconcileReport;
  recoveredFiles: number;
  partialsSwept: number;
  rows: LibraryRow[];
  exported: string[];
  violations: string[];
}

/** Replays the app's start-up on the folders the child left, then checks every invariant. */
const recoverAndCheck = async (dataDir: string, exportDir: string, ledger: Ledger, verified = new Set<string>()): Promise<Check> => {
  const db = openDatabase(join(dataDir, 'lagoon.db'));
  const violations: string[] = [];
  try {
    const purges = await createTrash({ db, dataDir, log: () => {} }).finishPendingPurges();
    if (purges.problems.length > 0) violations.push(`pending purges: ${purges.problems.join(', ')}`);
    const report = await reconcileLibrary({ db, dataDir, graceMs: 0 });
    const partialsSwept = await sweepStalePartials(exportDir, 0, Date.now() + 60_000);
    if (report.quickCheck !== 'ok') violations.push(`quick_check: ${report.quickCheck}`);
    if (report.problems.length > 0) violations.push(`reconcile problems: ${report.problems.join(', ')}`);
    if (report.rowsMissingFile > 0) violations.push(`${report.rowsMissingFile} rows lost their file`);
    if (listPendingPurges(db).length > 0) violations.push('a pending purge record survived recovery');

    const rows = libraryRows(db);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // Nothing here loses a file, so no row may be marked missing (libraryViolations passes over those).
    for (const row of rows) if (row.missing !== null) violations.push(`I1 ${row.id}: marked missing`);
    const quarantined = (name: string) => {
      // Only a crashed ingest's file may land here: never an image that had a row, never a purged one.
      const id = basename(name).slice(0, 36);
      return ledger.ingested.has(id) || ledger.purging.has(id) ? `an image that had a row was quarantined: ${name}` : null;
    };
    violations.push(...libraryViolations(db, dataDir, rows, { payloads: ledger.payloads, verified, quarantined }));
    // No live image lost: every acknowledged image is still there unless a purge (which only takes trashed ones) ran.
    for (const id of ledger.ingested) if (!byId.has(id) && !ledger.purging.has(id)) violations.push(`I5 ${id} lost`);
    for (const id of ledger.purged) if (byId.has(id)) violations.push(`purged ${id} came back`);
    for (const id of ledger.trashed) if (byId.has(id) && byId.get(id)!.trashedAt === null) violations.push(`trashed ${id} is live again`);

    // The export folder: no partial, and every final name holds a whole file.
    const exported = readdirSync(exportDir);
    for (const name of exported) {
      const bytes = readFileSync(join(exportDir, name));
      if (name.startsWith('.partial-')) violations.push(`export partial left: ${name}`);
      else if (name.endsWith('.json')) {
        try {
          if ((JSON.parse(bytes.toString('utf8')) as { schema?: string }).schema !== 'lagoon.image/1') violations.push(`sidecar ${name}: wrong schema`);
        } catch {
          violations.push(`sidecar ${name} is not whole JSON`);
        }
      } else {
        const original = readEmbedded(bytes).lagoon?.sha256;
        if (!original || !ledger.payloads.has(original)) violations.push(`export ${name}: not a Lagoon export of a known image`);
        await sharp(bytes, { failOn: 'error' }).raw().toBuffer().catch(() => violations.push(`export ${name}: does not decode whole`));
      }
    }
    return { report, recoveredFiles: purges.removed, partialsSwept, rows, exported, violations };
  } finally {
    closeDatabase(db);
  }
};

interface Expected { rows: number; trashed: number; recoveredFiles: number; exported: number }

/** What the protocols leave at a kill in each step, when it is the nth time the step is reached. */
const expected = (step: Step, nth: number): Expected => {
  const exportedAfter = { 'export:before-sync': nth <= 2 ? 0 : 2, 'export:before-link': nth <= 2 ? 0 : 2, 'export:after-link': nth, 'export:done': 4 };
  if (step === 'trash:after-commit') return { rows: 4, trashed: 2, recoveredFiles: 0, exported: 0 };
  if (step === 'purge:after-commit') return { rows: 2, trashed: 0, recoveredFiles: 4, exported: 0 };
  if (step === 'purge:after-unlink') return { rows: 2, trashed: 0, recoveredFiles: 4 - nth, exported: 0 };
  if (step === 'purge:before-forget' || step === 'purge:done') return { rows: 2, trashed: 0, recoveredFiles: 0, exported: 0 };
  return { rows: 2, trashed: 0, recoveredFiles: 0, exported: exportedAfter[step] };
};

describe('SIGKILL at each step of trash, purge and export (D2)', () => {
  it.each(STEPS)('%s: the invariants hold after restart, and recovery finds exactly what the step left', { timeout: 120_000 }, async (step) => {
    const runs = Math.max(2, HITS[step]);
    for (let run = 0; run < runs; run++) {
      const nth = 1 + (run % HITS[step]);
      const seed = BASE_SEED + STEPS.indexOf(step) * 100 + run;
      const { dataDir, exportDir } = newDirs();
      const ledger = newLedger();
      const child = await runWorker({ DATA_DIR: dataDir, EXPORT_DIR: exportDir, SEED: String(seed), MODE: 'steps', CRASH_AT: step, CRASH_NTH: String(nth) }, ledger);
      const context = `step ${step}, CRASH_NTH ${nth}, seed ${seed}; stderr: ${child.stderr.slice(0, 500)}`;
      expect({ signal: child.signal, lastPhase: child.lastPhase, timedOut: child.timedOut }, context).toEqual({ signal: 'SIGKILL', lastPhase: step, timedOut: false });
      expect(ledger.ingested.size, context).toBe(4);

      const check = await recoverAndCheck(dataDir, exportDir, ledger);
      expect(check.violations, context).toEqual([]);
      const want = expected(step, nth);
      expect({
        rows: check.rows.length,
        trashed: check.rows.filter((r) => r.trashedAt !== null).length,
        recoveredFiles: check.recoveredFiles,
        exported: check.exported.length,
      }, context).toEqual(want);
      // Nothing was ever orphaned: an interrupted purge is finished, not swept into quarantine.
      expect({ ...check.report, problems: check.report.problems.length }, context).toEqual({
        tempFilesRemoved: 0, orphansQuarantined: 0, orphanThumbsRemoved: 0, rowsMissingFile: 0, rowsRecovered: 0, thumbsRegenerated: 0, quickCheck: 'ok', problems: 0,
      });
      for (const id of ledger.purging) {
        for (const kind of ['image', 'thumb'] as const) {
          expect(existsSync(join(dataDir, mediaName(kind, { id, format: 'png' }))) && !check.rows.some((r) => r.id === id), context).toBe(false);
        }
      }

      // The library works after the crash: the rest of the trash purges, and a second pass finds nothing to do.
      const db = openDatabase(join(dataDir, 'lagoon.db'));
      for (const id of db.prepare('SELECT id FROM images WHERE trashed_at IS NOT NULL').pluck().all() as string[]) ledger.purging.add(id);
      await createTrash({ db, dataDir, log: () => {} }).empty();
      closeDatabase(db);
      const second = await recoverAndCheck(dataDir, exportDir, ledger);
      expect(second.violations, context).toEqual([]);
      expect({ rows: second.rows.length, recovered: second.recoveredFiles, swept: second.partialsSwept, quarantined: second.report.orphansQuarantined }, context)
        .toEqual({ rows: 2, recovered: 0, swept: 0, quarantined: 0 });
    }
  });
});

describe('random SIGKILL while trashing, restoring, purging and exporting (D3)', () => {
  it(`survives ${SOAK_CYCLES} kills at random moments`, { timeout: SOAK_BUDGET_MS + 30_000 }, async () => {
    const { dataDir, exportDir } = newDirs();
    const ledger = newLedger();
    const verified = new Set<string>();
    const phases = await soakWithRandomKills({
      baseSeed: BASE_SEED,
      maxKillMs: 400,
      runKilled: (seed, killAfterMs) => runWorker({ DATA_DIR: dataDir, EXPORT_DIR: exportDir, SEED: String(seed), MODE: 'soak' }, ledger, killAfterMs),
      violations: async () => (await recoverAndCheck(dataDir, exportDir, ledger, verified)).violations,
    });
    const final = await recoverAndCheck(dataDir, exportDir, ledger);
    expect(final.violations, `base seed ${BASE_SEED}`).toEqual([]);
    console.log(
      `D3 curate: ${SOAK_CYCLES} cycles; ${ledger.ingested.size} ingested, ${ledger.purged.size} purged, ${ledger.exports} exported; ` +
        `last phase before the kill: ${JSON.stringify(phases)}`,
    );
    expect(ledger.purged.size).toBeGreaterThan(0);
    expect(ledger.exports).toBeGreaterThan(0);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestVersion, type MigrationStep, migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { migrateOffThread, pendingMigrationsAt } from '../../src/main/core/db/migrateOffThread.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { runLagoon } from './cliRunner.ts';
import { insertRows, syntheticRows } from './helpers/searchLibrary.ts';

const CHILD = join(import.meta.dirname, 'fixtures/migrateChild.ts');
const WORKER = join(import.meta.dirname, '../../src/main/core/db/migrateWorker.ts');
/** Large enough that building the search index (0006) takes a good while: the kill lands inside it. */
const ROWS = 30_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lagoon-migrate-resume-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A library as Lagoon 0.5 left it (schema 5, before the search index), with ROWS images. */
const versionFiveLibrary = (rows = ROWS): string => {
  const path = join(dir, 'lagoon.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, ALL_MIGRATIONS.slice(0, 5));
  insertRows(db, syntheticRows(rows));
  db.close();
  return path;
};

const inspect = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      version: readUserVersion(db),
      images: db.prepare('SELECT count(*) FROM images').pluck().get() as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
};

/** Runs the upgrade in a child process and SIGKILLs it as the step for `version` begins. */
const killDuring = (path: string, version: number): Promise<MigrationStep[]> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const steps: MigrationStep[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line === 'done') continue;
        const step = JSON.parse(line) as MigrationStep;
        steps.push(step);
        if (step.version === version) child.kill('SIGKILL');
      }
    });
    child.once('error', reject);
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(steps) : reject(new Error(`the upgrade was not killed: ${stderr}`))));
  });

describe('a long upgrade killed in the middle', () => {
  it('keeps the library whole at its last finished step, and the next start resumes and finishes it', { timeout: 120_000 }, async () => {
    const path = versionFiveLibrary();
    const latest = latestVersion();
    expect(pendingMigrationsAt(path)).toBe(latest - 5);

    const seen = await killDuring(path, 6);
    expect(seen[0]).toEqual({ step: 1, steps: latest - 5, version: 6, name: ALL_MIGRATIONS[5]!.name });
    // Killed inside 0006: none of it is there, nothing else is lost, the file is sound.
    expect(inspect(path)).toEqual({ version: 5, images: ROWS, integrity: 'ok' });

    const resumed: MigrationStep[] = [];
    await migrateOffThread(path, WORKER, (step) => resumed.push(step));
    expect(resumed.map((s) => s.version)).toEqual(ALL_MIGRATIONS.slice(5).map((m) => m.version));
    expect(inspect(path)).toEqual({ version: latest, images: ROWS, integrity: 'ok' });
    expect(pendingMigrationsAt(path)).toBe(0);
    const db = new Database(path, { readonly: true });
    // The search index built on resume holds every image.
    expect(db.prepare('SELECT count(*) FROM image_search').pluck().get()).toBe(ROWS);
    db.close();
  });

  it('lagoon says each step on stderr while it upgrades an older library, then answers', { timeout: 60_000 }, async () => {
    versionFiveLibrary(50);
    const run = await runLagoon(['list', '--json', '--limit', '5'], { env: { LAGOON_DATA_DIR: dir } });
    expect(run.code, run.stderr).toBe(0);
    const steps = latestVersion() - 5;
    expect(run.stderr).toContain(`Updating the library (step 1 of ${steps}: ${ALL_MIGRATIONS[5]!.name})…`);
    expect(run.stderr).toContain(`Updating the library (step ${steps} of ${steps}: ${ALL_MIGRATIONS.at(-1)!.name})…`);
    expect(run.lines).toHaveLength(5);
    expect(inspect(join(dir, 'lagoon.db')).version).toBe(latestVersion());
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkIntegrity, quickCheck } from '../../src/main/core/db/checks.ts';
import { createDbChecks } from '../../src/main/core/db/dbChecks.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';

/**
 * The library's long checks leave the main thread in the app: the worker chunk electron-vite builds from
 * checkWorker.ts (what the shell hands to createServices) runs them on its own connection and answers exactly what
 * the in-thread check answers; a worker that cannot start falls back to checking in-thread.
 */
const root = resolve(import.meta.dirname, '../..');
// Inside the project, so the built chunk resolves better-sqlite3 from its node_modules as the packaged app does.
mkdirSync(join(root, 'artifacts'), { recursive: true });
const buildDir = mkdtempSync(join(root, 'artifacts', 'check-worker-build-'));
const dataDir = mkdtempSync(join(tmpdir(), 'lagoon-checks-'));
let builtWorker = '';
afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

beforeAll(async () => {
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  const resolved = await resolveConfig({ root, configFile: 'electron.vite.config.ts', build: { outDir: buildDir }, logLevel: 'silent' }, 'build', 'production');
  process.env.NODE_ENV = nodeEnv;
  await build({ ...resolved.config?.main, logLevel: 'silent' });
  const chunks = readdirSync(join(buildDir, 'main', 'chunks')).filter((name) => /^checkWorker-.*\.js$/u.test(name));
  if (chunks.length !== 1) throw new Error(`expected one checkWorker chunk in the build, found ${JSON.stringify(chunks)}`);
  builtWorker = join(buildDir, 'main', 'chunks', chunks[0]!);
}, 120_000);

/** A real library database, and a copy of it with pages scribbled over. */
const databases = () => {
  const healthyPath = join(dataDir, 'healthy.db');
  const healthy = openDatabase(healthyPath);
  healthy.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = healthy.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < 3000; i++) insert.run(`note ${i} `.repeat(40));
  healthy.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = readFileSync(healthyPath);
  for (let i = 8 * 4096; i < Math.min(bytes.length, 60 * 4096); i += 97) bytes[i] = (bytes[i]! + 0x5a) & 0xff;
  const damagedPath = join(dataDir, 'damaged.db');
  writeFileSync(damagedPath, bytes);
  return { healthy, damaged: new Database(damagedPath) };
};

describe('database checks on a worker thread', () => {
  it('the app build has the worker as its own chunk, and main hands its path to the core', () => {
    const index = readFileSync(join(buildDir, 'main', 'index.js'), 'utf8');
    expect(index).toContain(`./chunks/${builtWorker.split('/').at(-1)}`);
    expect(index).toMatch(/checkWorkerPath/u);
  });

  it('answers what the in-thread checks answer, healthy and damaged, without falling back', async () => {
    const { healthy, damaged } = databases();
    const log = vi.fn<(line: string) => void>();
    try {
      const onHealthy = createDbChecks({ db: healthy, workerPath: builtWorker, log });
      expect(await onHealthy.quickCheck()).toBe('ok');
      expect(await onHealthy.integrity()).toEqual({ ok: true, result: 'ok' });
      const onDamaged = createDbChecks({ db: damaged, workerPath: builtWorker, log });
      const [quick, full] = [await onDamaged.quickCheck(), await onDamaged.integrity()];
      expect(quick).not.toBe('ok');
      expect(full.ok).toBe(false);
      expect([quick, full]).toEqual([quickCheck(damaged), checkIntegrity(damaged)]);
      expect(log).not.toHaveBeenCalled();
    } finally {
      closeDatabase(healthy);
      damaged.close();
    }
  });

  it('finishes and checks a backup copy in the worker: one self-contained file', async () => {
    const db = openDatabase(join(dataDir, 'source.db'));
    const copy = join(dataDir, 'copy.db');
    try {
      await db.backup(copy);
      const log = vi.fn<(line: string) => void>();
      expect(await createDbChecks({ db, workerPath: builtWorker, log }).finishBackupCopy(copy)).toEqual({ ok: true, result: 'ok' });
      expect(log).not.toHaveBeenCalled();
      const reopened = new Database(copy, { readonly: true });
      expect(reopened.pragma('journal_mode', { simple: true })).toBe('delete');
      reopened.close();
    } finally {
      closeDatabase(db);
    }
  });

  it('checks on its own connection, and says so, when the worker cannot open the database (no false alarm of damage)', async () => {
    const db = openDatabase(join(dataDir, 'moved.db'));
    const log = vi.fn<(line: string) => void>();
    try {
      // The worker opens the file by name; here that name no longer leads to it, while the app's connection still works.
      const checks = createDbChecks({ db: Object.create(db, { name: { value: join(dataDir, 'nowhere', 'x.db') } }) as typeof db, workerPath: builtWorker, log });
      expect(await checks.quickCheck()).toBe('ok');
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[db\] check worker unavailable, checking in-thread: /u));
    } finally {
      closeDatabase(db);
    }
  });

  it('checks in-thread, and says so, when the worker cannot start', async () => {
    const db = openDatabase(join(dataDir, 'fallback.db'));
    const log = vi.fn<(line: string) => void>();
    try {
      const checks = createDbChecks({ db, workerPath: join(dataDir, 'no-such-worker.js'), log });
      expect(await checks.quickCheck()).toBe('ok');
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[db\] check worker unavailable, checking in-thread: /u));
    } finally {
      closeDatabase(db);
    }
  });
});

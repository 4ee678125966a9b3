import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/main/core/createCore.ts';
import { checkIntegrity, quickCheck } from '../../src/main/core/db/checks.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { createBackups } from '../../src/main/core/library/backup.ts';
import { createLibrary } from '../../src/main/core/library/library.ts';
import { DAMAGED_DIR, finishPendingRestore, restoreDatabase } from '../../src/main/core/library/restore.ts';
import { runLagoon } from './cliRunner.ts';
import { runCrashWorker } from './helpers/crashWorker.ts';
import { memoryStore } from './helpers/queueHarness.ts';
import { inertContext } from './helpers/requestContext.ts';
import { damageFreeSpace } from './helpers/damagedDatabase.ts';
import { makeImage } from './fixtures/transferImages.ts';

/**
 * Restoring a really damaged library from its backup: through the CLI (a real child process), and SIGKILLed at
 * every step of the file swap. The damaged database is never deleted, the restored one passes integrity_check, and
 * the images made after the backup come back from their files.
 */
const WORKER = fileURLToPath(new URL('./fixtures/restoreWorker.ts', import.meta.url));
let dataDir: string;

beforeEach(() => {
  dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-restore-')));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const ingest = (library: ReturnType<typeof createLibrary>, seed: number, prompt: string) =>
  makeImage('png', { seed }).then((bytes) => library.ingest({ bytes, format: 'png', prompt, model: 'm', endpoint: 'native', request: { prompt }, response: {} }));

/** Two images, a backup, one more image, then the database damaged: the state a user would restore from. */
const damagedLibrary = async (): Promise<{ backup: string; before: string[]; after: string }> => {
  const dbPath = join(dataDir, 'lagoon.db');
  const db = openDatabase(dbPath);
  const library = createLibrary({ db, dataDir });
  const before = [(await ingest(library, 1, 'a heron')).id, (await ingest(library, 2, 'a boat')).id];
  const { name } = await createBackups({ db, dataDir }).backupNow(5);
  const after = (await ingest(library, 3, 'made after the backup')).id;
  damageFreeSpace(db, dbPath);
  const check = new Database(dbPath, { readonly: true });
  expect(quickCheck(check)).not.toBe('ok');
  check.close();
  return { backup: name, before, after };
};

const env = () => ({ LAGOON_DATA_DIR: dataDir, LAGOON_KEYCHAIN_SERVICE: 'lagoon-test-unused' });

const liveRows = (): Array<{ id: string; prompt: string }> => {
  const db = new Database(join(dataDir, 'lagoon.db'), { readonly: true });
  try {
    expect(checkIntegrity(db)).toEqual({ ok: true, result: 'ok' });
    return db.prepare('SELECT id, prompt FROM images ORDER BY created_at').all() as Array<{ id: string; prompt: string }>;
  } finally {
    db.close();
  }
};

const imageFiles = (): string[] => readdirSync(join(dataDir, 'images'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

describe('lagoon backup', () => {
  it('lists, restores a damaged library from its backup and brings back the newer image from its file', { timeout: 60_000 }, async () => {
    const { backup, before } = await damagedLibrary();
    const listed = await runLagoon(['backup', 'list', '--json'], { env: env() });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.lines).toEqual([expect.objectContaining({ name: backup, images: 2, ok: true })]);

    const restored = await runLagoon(['backup', 'restore', backup, '--json'], { env: env() });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.lines[0]).toMatchObject({ restored: backup, reindexed: 1, ids: [expect.any(String)], duplicates: 0, left: [] });
    // The damaged database is kept, not deleted.
    const aside = join(dataDir, String(restored.lines[0]!.movedTo));
    expect(aside.startsWith(join(dataDir, DAMAGED_DIR))).toBe(true);
    expect(existsSync(join(aside, 'lagoon.db'))).toBe(true);
    const rows = liveRows();
    expect(rows.map((r) => r.id).slice(0, 2)).toEqual(before);
    expect(rows.map((r) => r.prompt)).toEqual(['a heron', 'a boat', 'Recovered image']);
    // The orphan was replaced by its re-imported copy: one file per row, none left over for quarantine.
    expect(imageFiles()).toHaveLength(3);
  });

  it('refuses to restore while the library is open elsewhere', { timeout: 30_000 }, async () => {
    const db = openDatabase(join(dataDir, 'lagoon.db'));
    const { name } = await createBackups({ db, dataDir }).backupNow(5);
    const run = await runLagoon(['backup', 'restore', name], { env: env() });
    closeDatabase(db);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Quit it/u);
    expect(existsSync(join(dataDir, DAMAGED_DIR))).toBe(false);
  });

  it('creates a backup', { timeout: 30_000 }, async () => {
    openDatabase(join(dataDir, 'lagoon.db')).close();
    const run = await runLagoon(['backup', 'create', '--json'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(String(run.lines[0]?.name)).toMatch(/^lagoon-\d{8}-\d{6}-\d{3}\.db$/u);
  });
});

describe('restoring from the app', () => {
  it('lists the backups, schedules the restore, relaunches, and the next start restores and re-indexes', { timeout: 60_000 }, async () => {
    const { backup, before } = await damagedLibrary();
    const config = { dataDir, apiBaseUrl: 'http://127.0.0.1:9/api/v1', keychainService: 'unused' };
    let relaunched = 0;
    const first = await createCore(config, { rendererDir: dataDir, secretStore: memoryStore(), log: () => {}, relaunch: () => relaunched++ });
    const listed = await first.dispatch('library.list_backups', {}, inertContext());
    expect(listed).toMatchObject({ ok: true, data: { backups: [{ name: backup, images: 2, ok: true, problem: null }] } });
    const scheduled = await first.dispatch('library.restore_backup', { name: backup }, inertContext());
    expect(scheduled).toMatchObject({ ok: true, data: { relaunching: true } });
    await vi.waitFor(() => expect(relaunched).toBe(1), { timeout: 10_000 });
    await first.shutdown();

    const second = await createCore(config, { rendererDir: dataDir, secretStore: memoryStore(), log: () => {} });
    const health = await new Promise<unknown>((resolve) => second.onEvent((name, payload) => name === 'library.health' && resolve(payload)));
    await second.shutdown();
    expect(health).toMatchObject({ state: 'ok', orphansQuarantined: 0 });
    expect(liveRows().map((r) => r.id).slice(0, 2)).toEqual(before);
    expect(liveRows().map((r) => r.prompt)).toEqual(['a heron', 'a boat', 'Recovered image']);
    expect(readdirSync(join(dataDir, DAMAGED_DIR))).toHaveLength(1);
  });

  it('refuses a backup that fails its integrity check', { timeout: 30_000 }, async () => {
    const { backup } = await damagedLibrary();
    damageFreeSpace(new Database(join(dataDir, 'backups', backup)), join(dataDir, 'backups', backup));
    await expect(restoreDatabase(dataDir, backup)).rejects.toThrow(/fails its integrity check/u);
    expect(existsSync(join(dataDir, DAMAGED_DIR))).toBe(false);
  });
});

describe('SIGKILL during a restore', () => {
  it('leaves the damaged or the restored database in place, and the next start finishes the restore', { timeout: 120_000 }, async () => {
    const phases = new Set<string>();
    // One kill in each step of the swap, then kills at a time after the start (which may land between steps).
    const kills = [...['intent', 'copy', 'aside', 'swap', 'done'].map((killAtPhase) => ({ killAtPhase })), ...[5, 29, 53].map((killAfterMs) => ({ killAfterMs }))];
    for (const [cycle, kill] of kills.entries()) {
      rmSync(dataDir, { recursive: true, force: true });
      dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-restore-')));
      const { backup, before } = await damagedLibrary();
      const run = await runCrashWorker(WORKER, { DATA_DIR: dataDir, BACKUP: backup }, { timeoutMs: 30_000, ...kill });
      const context = `cycle ${cycle}, last phase ${run.lastPhase}; ${run.stderr.slice(0, 300)}`;
      phases.add(run.signal === 'SIGKILL' ? (run.lastPhase ?? 'before') : 'finished');
      // What a start does before opening the database; killed before the intent, nothing was touched, and the
      // user's next try restores.
      const killedBeforeIntent = !(await finishPendingRestore(dataDir)) && run.signal === 'SIGKILL';
      expect(killedBeforeIntent && existsSync(join(dataDir, DAMAGED_DIR)), context).toBe(false);
      if (killedBeforeIntent) await restoreDatabase(dataDir, backup);
      expect(liveRows().map((r) => r.id), context).toEqual(before);
      // The damaged database went aside whole (never deleted), or nothing happened yet (killed before the intent).
      const aside = existsSync(join(dataDir, DAMAGED_DIR)) ? readdirSync(join(dataDir, DAMAGED_DIR)) : [];
      expect(aside, context).toHaveLength(1);
      expect(existsSync(join(dataDir, DAMAGED_DIR, aside[0]!, 'lagoon.db')), context).toBe(true);
      expect(readdirSync(dataDir).filter((n) => n.includes('restor')), context).toEqual([]);
    }
    // The kills landed in more than one step of the swap.
    expect(phases.size).toBeGreaterThan(3);
  });
});

import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { BACKUP_DIR, createBackups } from '../../src/main/core/library/backup.ts';
import { createLibrary } from '../../src/main/core/library/library.ts';
import { DEFAULT_LIBRARY_PREFS, type LibraryPrefs, readLibraryPrefs, writeLibraryPrefs } from '../../src/main/core/library/libraryPrefs.ts';
import { mediaName } from '../../src/main/core/library/mediaNames.ts';
import { recordPendingPurge } from '../../src/main/core/library/pendingPurges.ts';
import { MAINTENANCE_INTERVAL_MS, startRoutineMaintenance } from '../../src/main/core/library/routineMaintenance.ts';
import { createTrash } from '../../src/main/core/library/trash.ts';
import { LAUNCH_SWEEP_DELAY_MS } from '../../src/main/core/library/launchMaintenance.ts';
import { createServices, type Services } from '../../src/main/core/services.ts';
import { makeImage } from './fixtures/transferImages.ts';
import { manualClock, memoryStore, waitFor } from './helpers/queueHarness.ts';

const DAY = 24 * 60 * 60 * 1000;
let root: string;
let dataDir: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-maint-')));
  dataDir = join(root, 'data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const backupCount = () => (existsSync(join(dataDir, BACKUP_DIR)) ? readdirSync(join(dataDir, BACKUP_DIR)).length : 0);

const seedLibrary = async (now: () => number) => {
  const db = openDatabase(join(dataDir, 'lagoon.db'));
  const library = createLibrary({ db, dataDir, now });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push((await library.ingest({ bytes: await makeImage('png', { seed: i }), format: 'png', prompt: `p${i}`, model: 'm', endpoint: 'openai', request: {}, response: {} })).id);
  }
  return { db, library, ids };
};

describe('library preferences', () => {
  it('default to 30 days and 5 backups, store what is set, and ignore out-of-range stored values', () => {
    const store = new Map<string, string>();
    const settings = { getSetting: (k: string) => store.get(k) ?? null, setSetting: (k: string, v: string) => void store.set(k, v) };
    expect(readLibraryPrefs(settings)).toEqual({ trashRetentionDays: 30, backupsToKeep: 5 });
    expect(writeLibraryPrefs(settings, { backupsToKeep: 12 })).toEqual({ trashRetentionDays: 30, backupsToKeep: 12 });
    expect(writeLibraryPrefs(settings, { trashRetentionDays: 7 })).toEqual({ trashRetentionDays: 7, backupsToKeep: 12 });
    expect(() => writeLibraryPrefs(settings, { backupsToKeep: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    for (const bad of ['0', '-3', '2.5', 'abc', '', '99999']) {
      store.set('library.trashRetentionDays', bad);
      expect(readLibraryPrefs(settings).trashRetentionDays, bad).toBe(DEFAULT_LIBRARY_PREFS.trashRetentionDays);
    }
  });
});

describe('routine maintenance', () => {
  it('after the sweep: purges expired trash and backs up; then hourly, with the preferences read each round', async () => {
    const clock = manualClock(Date.UTC(2025, 0, 1));
    const { db, ids } = await seedLibrary(() => clock.now());
    const trash = createTrash({ db, dataDir, now: () => clock.now(), log: () => {} });
    const backups = createBackups({ db, dataDir, now: () => clock.now() });
    let prefs: LibraryPrefs = { trashRetentionDays: 30, backupsToKeep: 2 };
    const logs: string[] = [];
    trash.trash([ids[0]!]);
    clock.advance(31 * DAY);
    trash.trash([ids[1]!]);
    let sweepDone = false;
    const sweep = new Promise<void>((resolve) => setTimeout(() => ((sweepDone = true), resolve()), 20));
    // Counts the rounds scheduled, so the test advances time only once the next round waits for it.
    let scheduled = 0;
    const counting = { now: () => clock.now(), after: (ms: number, fn: () => void) => (scheduled++, clock.after(ms, fn)) };
    const routine = startRoutineMaintenance({ trash, backups, prefs: () => prefs, clock: counting, log: (l) => logs.push(l) }, sweep);
    await routine.firstRound;
    expect(scheduled).toBe(1);
    expect(sweepDone).toBe(true);
    const alive = () => db.prepare('SELECT id FROM images ORDER BY id').pluck().all();
    expect(alive()).toEqual([ids[1], ids[2]].toSorted());
    expect(backupCount()).toBe(1);

    // An hour later: the backup is fresh, nothing expired.
    clock.advance(MAINTENANCE_INTERVAL_MS);
    await waitFor('the hourly round to finish', () => scheduled === 2);
    expect(backupCount()).toBe(1);

    // The user shortens the retention: the next round applies it; a day on, a new backup is taken.
    prefs = { trashRetentionDays: 1, backupsToKeep: 2 };
    clock.advance(DAY);
    await waitFor('the next round to finish', () => scheduled === 3);
    expect(alive()).toEqual([ids[2]]);
    expect(backupCount()).toBe(2);
    await routine.stop();
    // Stopped: no further rounds however much time passes.
    trash.trash([ids[2]!]);
    clock.advance(10 * DAY);
    await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toEqual([ids[2]]);
    expect(logs).toEqual([]);
    closeDatabase(db);
  });

  it('stops without waiting for the sweep, and then never runs a round', async () => {
    const sweep = Promise.withResolvers<void>();
    let rounds = 0;
    const counting = { purgeExpired: async () => void rounds++, backupIfStale: async () => null };
    const routine = startRoutineMaintenance({ trash: counting as never, backups: counting as never, prefs: () => DEFAULT_LIBRARY_PREFS, clock: manualClock(), log: () => {} }, sweep.promise);
    await routine.stop();
    sweep.resolve();
    await routine.firstRound;
    expect(rounds).toBe(0);
  });

  it('logs a failed chore and keeps going', async () => {
    const clock = manualClock();
    const logs: string[] = [];
    const failing = {
      purgeExpired: async () => Promise.reject(new Error('disk on fire')),
      backupIfStale: async () => Promise.reject(new Error('no space')),
    };
    const routine = startRoutineMaintenance(
      { trash: failing as never, backups: failing as never, prefs: () => DEFAULT_LIBRARY_PREFS, clock, log: (l) => logs.push(l) },
      Promise.reject(new Error('sweep failed')),
    );
    await routine.firstRound;
    expect(logs).toEqual([expect.stringContaining('disk on fire'), expect.stringContaining('no space')]);
    clock.advance(MAINTENANCE_INTERVAL_MS);
    await waitFor('the next round', () => logs.length === 4);
    routine.cancel();
  });
});

describe('services at launch', () => {
  let services: Services | undefined;
  afterEach(async () => {
    await services?.shutdown();
    services = undefined;
  });

  it('finishes an interrupted purge before the sweep (nothing quarantined), then purges expired trash and backs up', async () => {
    const clock = manualClock(Date.UTC(2025, 0, 1));
    const { db, ids } = await seedLibrary(() => clock.now());
    const [interrupted, expired, live] = ids as [string, string, string];
    // A purge that crashed after its commit: row gone, files still there, recorded.
    db.transaction(() => {
      db.prepare('DELETE FROM images WHERE id = ?').run(interrupted);
      recordPendingPurge(db, [mediaName('image', { id: interrupted, format: 'png' }), mediaName('thumb', { id: interrupted, format: 'png' })]);
    })();
    db.prepare('UPDATE images SET trashed_at = ? WHERE id = ?').run(clock.now(), expired);
    closeDatabase(db);
    clock.advance(40 * DAY);

    services = createServices(
      { dataDir, apiBaseUrl: 'http://127.0.0.1:9/api/v1', keychainService: 'unused' },
      { secretStore: memoryStore(), clock, log: () => {} },
    );
    clock.advance(LAUNCH_SWEEP_DELAY_MS);
    const report = await services.reconciled;
    expect(report).toMatchObject({ orphansQuarantined: 0, orphanThumbsRemoved: 0, rowsMissingFile: 0, problems: [] });
    expect(existsSync(join(dataDir, mediaName('image', { id: interrupted, format: 'png' })))).toBe(false);
    await waitFor('the expired image to be purged and a backup taken', () => backupCount() === 1);
    await waitFor('purge', () => services!.db.prepare('SELECT count(*) FROM images').pluck().get() === 1);
    expect(services.db.prepare('SELECT id FROM images').pluck().all()).toEqual([live]);
    expect(existsSync(join(dataDir, 'quarantine'))).toBe(false);
  });
});

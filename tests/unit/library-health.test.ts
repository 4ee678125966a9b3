import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHandlers } from '../../src/main/core/handlers/index.ts';
import { createRouter } from '../../src/main/core/ipc/router.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { LAUNCH_QUIET_MS, LAUNCH_SWEEP_DELAY_MS, LAUNCH_SWEEP_MAX_WAIT_MS } from '../../src/main/core/library/launchMaintenance.ts';
import { createServices, type Services } from '../../src/main/core/services.ts';
import type { LibraryHealth } from '../../src/shared/ipc/schemas/library.ts';
import { makeImage } from './fixtures/transferImages.ts';
import { damageFreeSpace } from './helpers/damagedDatabase.ts';
import { type ManualClock, manualClock, memoryStore } from './helpers/queueHarness.ts';
import { inertContext } from './helpers/requestContext.ts';

/** The launch check's findings reach the window: the `library.health` route and event (LibraryHealthNotice shows them). */
let root: string;
let dataDir: string;
let services: Services | null = null;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-health-')));
  dataDir = join(root, 'data');
});
afterEach(async () => {
  await services?.shutdown();
  services = null;
  rmSync(root, { recursive: true, force: true });
});

const start = (launchMaintenance: boolean, clock?: ManualClock, lastRequestAt?: () => number) => {
  services = createServices(
    { dataDir, apiBaseUrl: 'http://127.0.0.1:9/api/v1', keychainService: 'unused' },
    { secretStore: memoryStore(), launchMaintenance, log: () => {}, ...(clock ? { clock, lastRequestAt } : {}) },
  );
  const pushed: LibraryHealth[] = [];
  services.events.subscribe((name, payload) => void (name === 'library.health' && pushed.push(payload as LibraryHealth)));
  const dispatch = createRouter(buildHandlers(services));
  const ask = async () => {
    const result = await dispatch('library.health', {}, inertContext());
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.data as LibraryHealth;
  };
  return { services, pushed, ask };
};

/** Real time for the core's own promises and file work to run (the manual clock only moves timers). */
const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/** An old image file with no row, where ingest would have put one. */
const plantOrphan = async () => {
  const id = randomUUID();
  const path = join(dataDir, 'images', id.slice(0, 2), `${id}.png`);
  mkdirSync(join(dataDir, 'images', id.slice(0, 2)), { recursive: true });
  writeFileSync(path, await makeImage('png', { seed: 3 }));
  const hourAgo = (Date.now() - 3_600_000) / 1000;
  utimesSync(path, hourAgo, hourAgo);
  return { id, path };
};

describe('library health at launch', () => {
  it('is "checking", then ok with what the sweep moved aside, announced by the event', async () => {
    closeDatabase(openDatabase(join(dataDir, 'lagoon.db')));
    const orphan = await plantOrphan();
    const { services: s, pushed, ask } = start(true);
    expect(await ask()).toEqual({ state: 'checking', details: null, orphansQuarantined: 0, rowsMissingFile: 0 });
    await s.reconciled;
    await new Promise((resolve) => setImmediate(resolve));
    const done = { state: 'ok', details: null, orphansQuarantined: 1, rowsMissingFile: 0 };
    expect(pushed).toEqual([done]);
    expect(await ask()).toEqual(done);
    expect(existsSync(orphan.path)).toBe(false);
    expect(existsSync(join(dataDir, 'quarantine', `${orphan.id}.png`))).toBe(true);
  });

  it('says "damaged", with what quick_check found, when the database fails it', async () => {
    damageFreeSpace(openDatabase(join(dataDir, 'lagoon.db')), join(dataDir, 'lagoon.db'));

    const { services: s, pushed, ask } = start(true);
    await s.reconciled;
    await new Promise((resolve) => setImmediate(resolve));
    const health = await ask();
    expect(health).toMatchObject({ state: 'damaged', orphansQuarantined: 0 });
    expect(health.details).toMatch(/corrupt/iu);
    expect(pushed).toEqual([health]);
  });

  it('leaves the first seconds to the window: nothing is swept before LAUNCH_SWEEP_DELAY_MS', async () => {
    closeDatabase(openDatabase(join(dataDir, 'lagoon.db')));
    const orphan = await plantOrphan();
    const clock = manualClock();
    const { services: s, ask } = start(true, clock);
    await settle(100);
    clock.advance(LAUNCH_SWEEP_DELAY_MS - 1);
    await settle(100);
    expect(existsSync(orphan.path)).toBe(true);
    expect((await ask()).state).toBe('checking');
    clock.advance(1);
    expect(await s.reconciled).toMatchObject({ orphansQuarantined: 1 });
    expect(existsSync(orphan.path)).toBe(false);
  });

  it('waits for the window to stop asking (a quiet second), but never longer than LAUNCH_SWEEP_MAX_WAIT_MS', async () => {
    closeDatabase(openDatabase(join(dataDir, 'lagoon.db')));
    const orphan = await plantOrphan();
    const clock = manualClock();
    let lastRequestAt = clock.now();
    const { services: s } = start(true, clock, () => lastRequestAt);
    // A busy window: a request every 500 ms, well past the minimum delay.
    for (let t = 0; t < LAUNCH_SWEEP_DELAY_MS + 4000; t += 500) {
      clock.advance(500);
      lastRequestAt = clock.now();
      await settle(20);
    }
    expect(existsSync(orphan.path)).toBe(true);
    // Then nothing for a second: the sweep runs.
    for (let t = 0; t < LAUNCH_QUIET_MS; t += 250) clock.advance(250);
    expect(await s.reconciled).toMatchObject({ orphansQuarantined: 1 });
    await s.shutdown();

    const again = manualClock();
    const busy = start(true, again, () => again.now());
    const first = (await plantOrphan()).path;
    for (let t = 0; t < LAUNCH_SWEEP_MAX_WAIT_MS - 250; t += 250) again.advance(250);
    await settle(20);
    expect(existsSync(first)).toBe(true);
    again.advance(250);
    expect(await busy.services.reconciled).toMatchObject({ orphansQuarantined: 1 });
  });

  it('never sweeps, nor backs up, when the app closes before the delay is over', async () => {
    closeDatabase(openDatabase(join(dataDir, 'lagoon.db')));
    const orphan = await plantOrphan();
    const { services: s } = start(true, manualClock());
    await s.shutdown();
    services = null;
    expect(await s.reconciled).toBe(null);
    expect(existsSync(orphan.path)).toBe(true);
    // Nor does the hourly routine start its first round (a backup) while the app shuts down.
    await settle(100);
    expect(existsSync(join(dataDir, 'backups')) ? readdirSync(join(dataDir, 'backups')) : []).toEqual([]);
  });

  it('is "unchecked" where the launch chores do not run (the CLI)', async () => {
    const { services: s, pushed, ask } = start(false);
    expect(await s.reconciled).toBe(null);
    expect(await ask()).toEqual({ state: 'unchecked', details: null, orphansQuarantined: 0, rowsMissingFile: 0 });
    expect(pushed).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, expect, test } from '@playwright/test';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';

/**
 * Lagoon in the real Electron, for a machine that has Electron's binary (see README, "Packaging"). It complements
 * tests/unit/packaging-app.test.ts, which packages with a stand-in Electron and boots main under Node: here Chromium
 * itself loads the page, runs the sandboxed preload and enforces the CSP.
 *
 * It launches the built app from the checkout (`electron .` after `electron-vite build`): a packaged build has the
 * inspect fuse off, which Playwright needs to attach; that is the point of the fuse.
 */
const ROOT = resolve(import.meta.dirname, '../..');

let app: ElectronApplication;
let fake: FakeVenice;
let dataDir: string;

test.beforeAll(async () => {
  fake = await startFakeVenice();
  dataDir = await mkdtemp(join(tmpdir(), 'lagoon-electron-'));
  app = await electron.launch({
    args: [ROOT, `--lagoon-dev-base-url=${fake.url}`],
    env: { ...process.env, LAGOON_DATA_DIR: dataDir },
  });
});

test.afterAll(async () => {
  await app?.close();
  await fake?.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('opens one sandboxed window on lagoon://app with only window.api exposed', async () => {
  const page = await app.firstWindow();
  await expect(page).toHaveTitle(/Lagoon/u);
  expect(page.url()).toBe('lagoon://app/index.html');
  expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).toSorted())).toEqual(['on', 'request']);
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(app.windows()).toHaveLength(1);
});

test('answers the page through IPC and reports the developer base URL to Settings', async () => {
  const page = await app.firstWindow();
  const connection = await page.evaluate(() =>
    (window as unknown as { api: { request(route: string, input: object): Promise<unknown> } }).api.request('settings.get_connection', {}),
  );
  expect(connection).toEqual({ ok: true, data: { apiBaseUrl: fake.url, isDefault: false } });
});

test('refuses inline script by the CSP header (Chromium reports the violation)', async () => {
  const page = await app.firstWindow();
  const violated = await page.evaluate(
    () =>
      new Promise<string>((resolveViolation) => {
        document.addEventListener('securitypolicyviolation', (event) => resolveViolation(event.effectiveDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'document.title = "inline ran"';
        document.body.append(script);
      }),
  );
  expect(violated).toBe('script-src-elem');
  await expect(page).toHaveTitle(/Lagoon/u);
});

test('keeps the library in LAGOON_DATA_DIR and closes cleanly', async () => {
  expect(await app.evaluate(({ app: electronApp }) => electronApp.isPackaged)).toBe(false);
  expect(existsSync(join(dataDir, 'lagoon.db'))).toBe(true);
  await app.close();
  expect(existsSync(join(dataDir, 'lagoon.db-wal'))).toBe(false); // the core checkpointed and closed the database
});

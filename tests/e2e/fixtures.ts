import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test as base, expect, type Page } from '@playwright/test';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { type AppProcess, startAppProcess } from './appProcess.ts';

const run = promisify(execFile);
export const E2E_API_KEY = 'lagoon-e2e-key-7f3a9c21';
const KEY_ACCOUNT = 'venice-api-key';
export const SCREENSHOT_DIR = join(import.meta.dirname, '../../artifacts/screenshots');

export interface Lagoon {
  page: Page;
  fake: FakeVenice;
  keychainService: string;
  app: AppProcess;
  /** The folder the export dialog "chooses" (a zip goes there under its suggested name); empty at the start. */
  exportDir: string;
  /** The app's data folder (LAGOON_DATA_DIR), to check what is on disk. */
  dataDir: string;
  /** Changes what the next dialogs answer (`exportDir: null` / `importPaths: []`: the user closes the dialog). */
  setDialogs(answers: { exportDir?: string | null; importPaths?: string[] }): Promise<void>;
  /** Quits the app and starts it again on the same data folder; `offline` stops the fake Venice first. */
  restart(opts?: { offline?: boolean }): Promise<void>;
  /** What the OS keychain holds for this test's entry (read with libsecret's own tool, not through Lagoon). */
  keychainValue(): Promise<string | null>;
  screenshot(name: string): Promise<void>;
}

export const test = base.extend<{ lagoon: Lagoon }>({
  lagoon: async ({ page }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lagoon-e2e-'));
    const keychainService = `Lagoon-e2e-${randomUUID()}`;
    const outDir = await mkdtemp(join(tmpdir(), 'lagoon-e2e-out-'));
    const exportDir = join(outDir, 'exports');
    const dialogsFile = join(outDir, 'dialogs.json');
    await mkdir(exportDir);
    // A key that expires, so the account panel has an expiry to show.
    const fake = await startFakeVenice({ apiKey: E2E_API_KEY, keyExpiration: '2027-01-31T00:00:00.000Z' });
    const launch = () =>
      startAppProcess({
        LAGOON_DATA_DIR: dataDir,
        LAGOON_API_BASE_URL: fake.url,
        LAGOON_TEST_KEYCHAIN_SERVICE: keychainService,
        LAGOON_TEST_EXPORT_DIR: exportDir,
        LAGOON_TEST_DIALOGS_FILE: dialogsFile,
      });
    const lagoon: Lagoon = {
      page,
      fake,
      keychainService,
      app: await launch(),
      exportDir,
      dataDir,
      async setDialogs(answers) {
        await writeFile(dialogsFile, JSON.stringify(answers));
      },
      async restart(opts = {}) {
        // As quitting closes the window first: a thumbnail still loading when the server dies would otherwise log
        // ERR_CONNECTION_RESET, an artifact of stopping a server under a live page, not something the app did.
        await page.goto('about:blank');
        await lagoon.app.stop();
        if (opts.offline) await fake.close();
        lagoon.app = await launch();
        await page.goto(lagoon.app.url);
      },
      async keychainValue() {
        try {
          const { stdout } = await run('secret-tool', ['lookup', 'service', keychainService, 'account', KEY_ACCOUNT]);
          return stdout;
        } catch {
          return null; // secret-tool exits 1 when there is no such item
        }
      },
      async screenshot(name) {
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      },
    };
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(lagoon.app.url);
    await use(lagoon);
    await page.goto('about:blank').catch(() => {});
    await lagoon.app.stop();
    await fake.close().catch(() => {});
    await run('secret-tool', ['clear', 'service', keychainService, 'account', KEY_ACCOUNT]).catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
    // A CSP violation or an uncaught error in the page is a failure even when the flow looked fine.
    if (testInfo.status === testInfo.expectedStatus) expect(pageErrors, 'errors in the page console').toEqual([]);
  },
});

export { expect };

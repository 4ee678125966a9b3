import { defineConfig } from '@playwright/test';

/**
 * The real-Electron spec (tests/e2e-electron), for a machine with Electron's binary: `npx electron-vite build &&
 * npx playwright test -c playwright.electron.config.ts`. Not part of `npm test`, which runs where the binary
 * cannot be downloaded and proves the packaged boot with a stand-in Electron instead (tests/unit/packaging-app.test.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e-electron',
  testMatch: '**/*.spec.ts',
  outputDir: 'artifacts/playwright-electron',
  timeout: 60_000,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
});

import { defineConfig } from '@playwright/test';

/**
 * Debian's Chromium headless shell, never a downloaded browser build (this network cannot fetch one). The shell is
 * Chromium's content layer without the browser around it, as Electron's window is. The full browser
 * (`/usr/bin/chromium`) also starts its own address-bar popup (`chrome://omnibox-popup.top-chrome`) in a renderer of
 * its own, which in traced cold navigations parsed 300-500 ms of script in its first second, on the same two cores as
 * the app: in seven alternating cold navigations the prepaint's row painted at a median of 480 ms in the full browser
 * and 332 ms in the shell, the grid's own row at 1,268 and 700 ms. Electron runs none of that.
 */
export const CHROMIUM_PATH = process.env.LAGOON_CHROMIUM ?? '/usr/bin/chromium-headless-shell';

// The flags keep it from reaching for Google's services, which this machine's closed network would refuse many times
// a second.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'artifacts/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'artifacts/playwright.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});

import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';

/**
 * The browser the bench's windows open in: Debian's Chromium headless shell, Chromium's content layer without the
 * browser around it, as Electron's window is. The full browser (`/usr/bin/chromium`, which the e2e specs use) also
 * starts its own address-bar popup (`chrome://omnibox-popup.top-chrome`) and other pages of its own, each in a
 * renderer that parses hundreds of milliseconds of script in the first second. On two cores that work competed with
 * the page being measured: in seven alternating cold navigations the prepaint's row painted at a median of 480 ms in
 * the full browser and 332 ms in the shell, the grid's own row at 1,268 and 700 ms. Electron runs none of it. The
 * static-page floors open in the same browser, so they stay comparable.
 */
const BENCH_CHROMIUM = process.env.LAGOON_BENCH_CHROMIUM ?? '/usr/bin/chromium-headless-shell';

export const launchBenchBrowser = (): Promise<Browser> => {
  if (!existsSync(BENCH_CHROMIUM)) {
    throw new Error(`The bench's browser is missing: ${BENCH_CHROMIUM} (apt-get install chromium-headless-shell, or set LAGOON_BENCH_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: BENCH_CHROMIUM, args: CHROMIUM_ARGS });
};

/** Which browser a figure was measured in, for its details: "chromium-headless-shell 156.0.8078.114". */
export const benchBrowserName = (browser: Browser): string => `${basename(BENCH_CHROMIUM)} ${browser.version()}`;

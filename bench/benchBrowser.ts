import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts';

/** The bench's windows open in the browser the specs use (playwright.config.ts says why the headless shell). */
export const launchBenchBrowser = (): Promise<Browser> => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The bench's browser is missing: ${CHROMIUM_PATH} (apt-get install chromium-headless-shell, or set LAGOON_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
};

/** Which browser a figure was measured in, for its details: "chromium-headless-shell 156.0.8078.114". */
export const benchBrowserName = (browser: Browser): string => `${basename(CHROMIUM_PATH)} ${browser.version()}`;

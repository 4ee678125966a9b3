import { AxeBuilder } from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SCREENSHOT_DIR } from './fixtures.ts';
import { splashUrl } from '../../src/main/shell/splashPage.ts';

// The splash window's own size (migrationSplash.ts), in both languages. The page has no script and its policy
// allows none; the test's own probes (overflow, axe) come through the debugger, which a page policy does not stop.
test.use({ viewport: { width: 460, height: 210 } });

for (const language of ['en', 'de'] as const) {
  test(`the migration splash reads whole at its window size, and axe finds nothing serious (${language})`, async ({ page }) => {
    await page.goto(splashUrl({ step: 2, steps: 3, name: 'search' }, language));
    await expect(page.getByRole('heading')).toHaveText(language === 'de' ? 'Deine Bibliothek wird aktualisiert' : 'Updating your library');
    await expect(page.getByText(language === 'de' ? 'Schritt 2 von 3' : 'Step 2 of 3')).toBeVisible();
    // Nothing cut off: the page does not scroll in a window it cannot be resized from.
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `migration-splash-${language}.png`) });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
}

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { seedLibrary } from './seed.ts';

/** What axe-core finds on the page as it is now, serious and critical only, one line each (rule, the nodes it hit). */
const seriousViolations = async (page: Page): Promise<string[]> => {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

for (const [language, locale] of [
  ['en', 'en-US'],
  ['de', 'de-DE'],
] as const) {
  test.describe(`accessibility (${language})`, () => {
    test.use({ locale });

    test('axe finds no serious or critical violation on Generate, Library, Viewer, Export and Settings', async ({ lagoon }) => {
      test.setTimeout(240_000);
      const { page } = lagoon;
      await seedLibrary(page, ['A lighthouse at dawn', 'nsfw a beach at night']);
      // Two failed jobs, so the queue shows two Retry buttons that must tell their jobs apart.
      await page.getByTestId('nav-generate').click();
      for (const prompt of ['[fail:500] a red fox', '[fail:500] a grey heron']) {
        await page.getByTestId('prompt-input').fill(prompt);
        await page.getByTestId('generate-button').click();
      }
      await expect(page.locator('[data-testid="queue-item"][data-status="failed"]')).toHaveCount(2);
      const retry = language === 'en' ? 'Retry “[fail:500] a red fox”' : 'Erneut versuchen: „[fail:500] a red fox“';
      await expect(page.getByRole('button', { name: retry, exact: true })).toBeVisible();
      expect(await seriousViolations(page), 'Generate').toEqual([]);

      await page.getByTestId('nav-library').click();
      await expect(page.getByTestId('grid-item')).toHaveCount(2);
      // The blurred image says so in its tile's name, not only in a badge a screen reader never reaches.
      const blurredWord = language === 'en' ? /Blurred/ : /Unscharf/;
      await expect(page.getByRole('option', { name: blurredWord })).toHaveCount(1);
      expect(await seriousViolations(page), 'Library').toEqual([]);
      // The filters too, with their localised date fields and one's calendar open.
      await page.getByTestId('filter-toggle').click();
      await page.getByTestId('filter-date-from').getByRole('button').click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousViolations(page), 'Library filters').toEqual([]);
      // Escape closes the calendar from its focused day (axe moved the focus out of it).
      await page.getByRole('dialog').locator('[role="gridcell"] [tabindex="0"]').focus();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await page.getByTestId('filter-toggle').click();

      await page.getByTestId('grid-item').first().click();
      await page.getByTestId('grid-item').nth(1).click({ modifiers: ['Shift'] });
      await expect(page.getByTestId('bulk-bar')).toHaveAttribute('data-count', '2');
      expect(await seriousViolations(page), 'Library with a selection').toEqual([]);

      await page.getByTestId('bulk-export').click();
      await expect(page.getByTestId('export-dialog')).toBeVisible();
      expect(await seriousViolations(page), 'Export').toEqual([]);
      await page.getByTestId('export-cancel').click();

      await page.getByTestId('grid-item').first().dblclick();
      await expect(page.getByTestId('viewer')).toBeVisible();
      await expect(page.getByTestId('viewer-prompt')).not.toBeEmpty();
      expect(await seriousViolations(page), 'Viewer').toEqual([]);
      await page.keyboard.press('Escape');

      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('key-status')).toBeVisible();
      expect(await seriousViolations(page), 'Settings').toEqual([]);
    });
  });
}

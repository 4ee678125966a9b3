import { expect, test } from './fixtures.ts';

test.describe('German', () => {
  test.use({ locale: 'de-DE' });

  test('follows the OS language and switches back to English in Settings', async ({ lagoon }) => {
    const { page } = lagoon;
    await expect(page.getByTestId('nav-settings')).toHaveText('Einstellungen');
    await page.getByTestId('nav-generate').click();
    await expect(page.getByTestId('no-key-notice')).toContainText('API-Schlüssel');
    await lagoon.screenshot('german-first-run');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-select').selectOption('en');
    await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
    // The choice is stored by main, so it holds after a restart even though the OS says German.
    await lagoon.restart();
    await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  });
});

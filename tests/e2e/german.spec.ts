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
    // The window switches first and main stores the choice a moment later: restarting in between (as this test could,
    // within milliseconds) would test the kill, not the choice. Main has it once it answers with it.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const { api } = window as unknown as { api: { request(route: string, input: unknown): Promise<{ data: { language: string } }> } };
          return (await api.request('settings.get_preferences', {})).data.language;
        }),
      )
      .toBe('en');
    // The choice is stored by main, so it holds after a restart even though the OS says German.
    await lagoon.restart();
    await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  });
});

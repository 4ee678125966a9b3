import { expect, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

test('the window opens where the user was last: the Library after a restart, and Generate once they went back there', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A harbour at night']);
  await page.getByTestId('nav-library').click();
  // Settings is a detour: it does not change where the window opens.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('view-settings')).toBeVisible();

  await lagoon.restart();
  await expect(page.getByTestId('view-library')).toBeVisible();
  await expect(tile(page, 'harbour')).toBeVisible();
  await expect(page.getByTestId('view-generate')).toBeHidden();
  await lagoon.screenshot('library-opened-at-launch');

  // The form mounted after the Library works as ever.
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('prompt-input').fill('A second harbour');
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('generate-result')).toBeVisible();

  await lagoon.restart();
  await expect(page.getByTestId('view-generate')).toBeVisible();
  await expect(page.getByTestId('prompt-input')).toBeVisible();
  await expect(page.getByTestId('view-library')).toBeHidden();
});

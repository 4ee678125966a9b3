import { expect, test } from './fixtures.ts';
import { seedLibrary } from './seed.ts';

const pad = (n: number) => String(n).padStart(2, '0');

test('German chosen in Settings on an English system: the filters take and show dates the German way, and trash says where it goes', async ({ lagoon }) => {
  test.setTimeout(120_000);
  const { page } = lagoon;
  await seedLibrary(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('language-select').selectOption('de');
  await expect(page.getByTestId('nav-library')).toHaveText('Bibliothek');
  await page.getByTestId('nav-library').click();
  // The tiles' names follow the language too (each tile is memoised; its words come from the grid).
  await expect(page.getByTestId('grid-item').first()).toHaveAttribute('aria-label', /^Bild: /);

  // A move to the trash is not a deletion, and the button says so.
  await page.getByTestId('grid-item').first().click();
  await expect(page.getByTestId('bulk-trash')).toHaveText('In den Papierkorb');
  await page.getByTestId('bulk-clear').click();

  await page.getByTestId('filter-toggle').click();
  const from = page.getByTestId('filter-date-from');
  const to = page.getByTestId('filter-date-to');
  // Empty, each field shows the German order and letters (the OS would have said mm/dd/yyyy).
  await expect(from).toHaveText('tt.mm.jjjj');
  await expect(to).toHaveText('tt.mm.jjjj');

  // Typed day first: 01.01.2020 up to 31.12.2020 — the images are from today, none match.
  await from.getByRole('spinbutton').first().click();
  await page.keyboard.type('01012020');
  await expect(from).toHaveText('01.01.2020');
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '3');
  await to.getByRole('spinbutton').first().click();
  await page.keyboard.type('31122020');
  await expect(to).toHaveText('31.12.2020');
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('filter-count')).toHaveText('2');
  await lagoon.screenshot('german-date-filters');

  // The calendar speaks German too, and today's images come back when "to" is today.
  await to.getByRole('button').click();
  const calendar = page.getByRole('dialog');
  await expect(calendar.getByRole('heading')).toHaveText('Dezember 2020');
  await lagoon.screenshot('german-date-calendar');
  await page.keyboard.press('Escape');
  await expect(calendar).toHaveCount(0);
  const today = new Date();
  await to.getByRole('spinbutton').first().click();
  await page.keyboard.type(`${pad(today.getDate())}${pad(today.getMonth() + 1)}${today.getFullYear()}`);
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '3');

  // Back to English: the same dates, month first.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('nav-library').click();
  await expect(from).toHaveText('01/01/2020');
  await expect(page.getByTestId('grid-item').first()).toHaveAttribute('aria-label', /^Image: /);
});

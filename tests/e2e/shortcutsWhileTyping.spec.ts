import { expect, test } from './fixtures.ts';
import { libraryMarks, seedLibrary, tile } from './seed.ts';

// Digits rate, F favourites and X trashes: text typed into any popover or dialog carries all three, and must land in
// the field it was typed into, never on the selection behind it.

test('typing in a popover or dialog never re-rates, favourites or trashes the selection', async ({ lagoon }) => {
  test.slow(); // one flow through seven fields
  const { page } = lagoon;
  await seedLibrary(page, ['A lighthouse at dawn', 'A red fox in snow']);
  await tile(page, 'lighthouse').click();
  await tile(page, 'red fox').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('bulk-bar')).toHaveAttribute('data-count', '2');
  const before = await libraryMarks(page);
  expect(before).toHaveLength(2);

  // "Collection…": the keys go straight into its name field, with no click on the field first.
  await page.getByTestId('bulk-collection').click();
  await page.keyboard.type('Moodboard Q4 fx');
  await expect(page.getByTestId('bulk-collection-new')).toHaveValue('Moodboard Q4 fx');
  await lagoon.screenshot('typing-collection-popover');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('collection-item')).toContainText('Moodboard Q4 fx');
  await expect(page.getByTestId('collection-item')).toContainText('2');
  expect(await libraryMarks(page)).toEqual(before);

  // "Tag…"
  await page.getByTestId('bulk-tag').click();
  await page.keyboard.type('q2x5f');
  await expect(page.getByTestId('bulk-tag-input')).toHaveValue('q2x5f');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('bulk-tag-panel')).toHaveCount(0);
  expect(await libraryMarks(page)).toEqual(before);

  // Focus on a menu item instead of the field: while the popover is open, its keys still reach no shortcut.
  await page.getByTestId('bulk-collection').click();
  await page.getByTestId('bulk-collection-option').focus();
  await page.keyboard.type('3fx');
  expect(await libraryMarks(page)).toEqual(before);
  await page.keyboard.press('Escape');

  // The export dialog: its name template field has focus.
  await page.getByTestId('bulk-export').click();
  await expect(page.getByTestId('export-template')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type('-2fx');
  await expect(page.getByTestId('export-template')).toHaveValue(/-2fx$/);
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  expect(await libraryMarks(page)).toEqual(before);

  // A new collection from the side list.
  await page.getByTestId('collection-create').click();
  await page.keyboard.type('Set 5 fx');
  await expect(page.getByTestId('collection-name-input')).toHaveValue('Set 5 fx');
  await page.keyboard.press('Escape');
  expect(await libraryMarks(page)).toEqual(before);

  // The viewer's tag field (the viewer has its own culling keys).
  await tile(page, 'red fox').dblclick();
  await page.getByTestId('viewer-tag-input').click();
  await page.keyboard.type('f4x');
  await expect(page.getByTestId('viewer-tag-input')).toHaveValue('f4x');
  await page.getByTestId('viewer-close').click();
  expect(await libraryMarks(page)).toEqual(before);

  // Saving a search: its name field has focus with the search text selected.
  await page.getByTestId('search-input').fill('fox');
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await page.getByTestId('save-search').click();
  await page.keyboard.type('Foxes 1x');
  await expect(page.getByTestId('save-search-name')).toHaveValue('Foxes 1x');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('saved-search-item')).toContainText('Foxes 1x');
  expect(await libraryMarks(page)).toEqual(before);

  // The rule switches keys off only while typing or while something is open: on the grid they still rate.
  await tile(page, 'red fox').click();
  await page.keyboard.press('3');
  await expect.poll(async () => (await libraryMarks(page)).find((m) => m.rating === 3)).toBeTruthy();
});

import { expect, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

test('moving images to the trash offers Undo, which brings them back where they were', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page);
  await tile(page, 'red fox').click();
  await tile(page, 'keeper').click({ modifiers: ['ControlOrMeta'] });
  await page.getByTestId('bulk-trash').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('2 images moved to the trash.');
  await lagoon.screenshot('library-trash-undo');
  await toast.getByTestId('undo-trash').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(3);
  await expect(page.getByTestId('undo-toast')).toHaveCount(0);
  await page.getByTestId('lib-nav-trash').click();
  await expect(page.getByTestId('trash-empty-state')).toBeVisible();

  // The Delete key goes through the same path.
  await page.getByTestId('lib-nav-all').click();
  await tile(page, 'lighthouse at dawn').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('undo-toast')).toContainText('1 image moved to the trash.');
});

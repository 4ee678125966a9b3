import { expect, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

const PROMPTS = ['A lighthouse at dawn', 'A cabin in the woods', 'A puppy by the cabin', 'Puppies playing in snow', 'Ein Leuchtturm im Sturm'];

test('search understands what people type: other forms of a word, OR, words left out, symbols alone', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, PROMPTS);
  const search = page.getByTestId('search-input');
  const tiles = page.getByTestId('grid-item');

  // A plural finds the singular, in English and in German, and the word found is marked.
  await search.fill('lighthouses');
  await expect(tiles).toHaveCount(1);
  await expect(tile(page, 'lighthouse at dawn')).toHaveCount(1);
  await expect(page.getByTestId('grid-item-prompt').locator('mark')).toHaveText(['lighthouse']);
  await search.fill('Leuchttürme');
  await expect(tiles).toHaveCount(1);
  await expect(tile(page, 'Leuchtturm im Sturm')).toHaveCount(1);
  await search.fill('puppy');
  await expect(tiles).toHaveCount(2);

  // Either word; a word left out.
  await search.fill('cabin OR puppy');
  await expect(tiles).toHaveCount(3);
  await lagoon.screenshot('search-or');
  await search.fill('cabin -puppy');
  await expect(tiles).toHaveCount(1);
  await expect(tile(page, 'cabin in the woods')).toHaveCount(1);
  // "-puppy" also leaves out "Puppies", and "-cab" is the whole word only: it leaves nothing out.
  await search.fill('-puppy');
  await expect(tiles).toHaveCount(3);
  await search.fill('-cab');
  await expect(tiles).toHaveCount(5);

  // Symbols alone match nothing, and the page says why.
  await search.fill('🐉');
  await expect(tiles).toHaveCount(0);
  await expect(page.getByTestId('search-symbols-only')).toContainText('“🐉” has none');
  await lagoon.screenshot('search-symbols-only');
  await search.fill('');
  await expect(tiles).toHaveCount(5);
});

test('lineage filters: made by an operation, originals only, images with versions', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A red kite over dunes', 'A blue heron']);
  await tile(page, 'red kite').dblclick();
  await page.getByTestId('action-remove-background').click();
  await expect(page.getByTestId('lineage-child')).toHaveCount(1);
  await page.keyboard.press('Escape');
  const tiles = page.getByTestId('grid-item');
  await expect(tiles).toHaveCount(3);

  await page.getByTestId('filter-toggle').click();
  await expect(page.getByTestId('search-syntax')).toContainText('cabin OR puppy');
  await page.getByTestId('filter-kind').selectOption('remove-background');
  await expect(tiles).toHaveCount(1);
  await expect(page.getByTestId('filter-count')).toHaveText('1');
  await lagoon.screenshot('search-filter-made-by');
  await page.getByTestId('filter-kind').selectOption('original');
  await expect(tiles).toHaveCount(2);
  await page.getByTestId('filter-has-versions').check();
  await expect(tiles).toHaveCount(1);
  await expect(tile(page, 'red kite')).toHaveCount(1);
  await page.getByTestId('filter-kind').selectOption('');
  await page.getByTestId('filter-has-versions').uncheck();
  await expect(tiles).toHaveCount(3);
});

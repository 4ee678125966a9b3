import { expect, test } from './fixtures.ts';
import { tilesInViewWithoutThumbnail } from './gridInView.ts';
import { putManyImages } from './manyImages.ts';

/** More than a first screen holds. */
const COUNT = 120;

test('while another view is open, the library readies its first screen of thumbnails, and opening it shows them', async ({ lagoon }) => {
  const { page } = lagoon;
  await putManyImages(lagoon.dataDir, COUNT, new Date(2026, 4, 20, 12).getTime(), 3);
  const thumbsAsked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/media/thumb/')) thumbsAsked.push(request.url());
  });
  await lagoon.restart();
  // The app opens on Generate; the library is hidden, and readies its first screen once the window is idle.
  await expect(page.getByTestId('view-generate')).toBeVisible();
  await expect(page.getByTestId('view-library')).toBeHidden();
  await expect.poll(() => new Set(thumbsAsked).size, { timeout: 15_000 }).toBeGreaterThanOrEqual(24);
  // Not the whole library: a screen's worth.
  expect(new Set(thumbsAsked).size).toBeLessThanOrEqual(36);

  await page.getByTestId('nav-library').click();
  const firstRow = page.getByTestId('grid-item').first();
  await expect(firstRow).toBeVisible();
  const missing = await tilesInViewWithoutThumbnail(page);
  // The thumbnails were ready: every tile in view has its picture in the first frame it is shown.
  expect(missing).toBe(0);
  await lagoon.screenshot('library-opened-warm');
});

import { expect, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

test('remove the background from the viewer, then walk the family both ways; a trashed parent is still named', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A red kite over dunes']);
  await tile(page, 'red kite').dblclick();
  const viewer = page.getByTestId('viewer');
  const parentId = await viewer.getAttribute('data-image-id');

  // Prices are on the buttons before anything is sent.
  await expect(page.getByTestId('action-upscale')).toContainText('$0.02');
  await expect(page.getByTestId('action-remove-background')).toContainText('$0.03');
  await page.getByTestId('action-remove-background').click();
  await expect(page.getByTestId('action-queued')).toContainText('Remove background');
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  const child = page.getByTestId('lineage-child');
  await expect(child).toHaveCount(1);
  expect(lagoon.fake.requests.filter((r) => r.path.endsWith('/image/background-remove'))).toHaveLength(1);
  await lagoon.screenshot('iterate-versions');

  // Down to the version, and back up to what it was made from.
  const childId = await child.getAttribute('data-image-id');
  await child.click();
  await expect(viewer).toHaveAttribute('data-image-id', childId ?? '');
  await expect(page.getByTestId('lineage-parents')).toContainText('Source');
  // The cut-out is shown on a checkerboard, so its transparent background is seen as such.
  await expect(viewer.locator('img.stage__image')).toHaveCSS('background-image', /repeating-conic-gradient/);
  // Its request is not a generation: the generate form is not offered to repeat it.
  await expect(page.getByTestId('viewer-reuse')).toBeDisabled();
  await lagoon.screenshot('iterate-made-from');
  await page.getByTestId('lineage-parent').click();
  await expect(viewer).toHaveAttribute('data-image-id', parentId ?? '');

  // The parent goes to the trash; the version still says what it was made from.
  await page.getByTestId('viewer-trash').click();
  await expect(viewer).toHaveAttribute('data-image-id', childId ?? '');
  await expect(page.getByTestId('lineage-parents')).toContainText('Source · in the trash');
  await lagoon.screenshot('iterate-parent-trashed');
});

test('a one-click action above the spend limit asks first, and a double click on it queues one job', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A red kite over dunes']);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('spend-limit-input').fill('0.01');
  await page.getByTestId('spend-limit-save').click();
  await expect(page.getByTestId('spend-limit-saved')).toBeVisible();
  await page.getByTestId('nav-library').click();
  await tile(page, 'red kite').dblclick();
  const removals = () => lagoon.fake.requests.filter((r) => r.path.endsWith('/image/background-remove')).length;

  await page.getByTestId('action-remove-background').dblclick();
  await expect(page.getByTestId('spend-confirm')).toContainText('$0.03');
  await expect(page.getByTestId('spend-confirm-yes')).toHaveText('Remove the background for $0.03');
  await expect(page.getByTestId('action-remove-background')).toBeDisabled();
  await expect(page.getByTestId('spend-confirm-no')).toBeInViewport();
  await lagoon.screenshot('iterate-quick-action-spend-confirm');
  await page.getByTestId('spend-confirm-no').click();
  await expect(page.getByTestId('spend-confirm')).toHaveCount(0);
  expect(removals()).toBe(0);

  await page.getByTestId('action-remove-background').click();
  await page.getByTestId('spend-confirm-yes').dblclick();
  await expect(page.getByTestId('action-queued')).toContainText('Remove background');
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  expect(removals()).toBe(1);
});

import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

// The family of an image: compare with the original (before/after, difference), the family tree in the viewer.

// Each test makes its images through the real queue first: on a loaded machine that alone can take half a minute.
test.describe.configure({ timeout: 120_000 });

const viewerId = (page: Page) => page.getByTestId('viewer').getAttribute('data-image-id');

/** Runs a quick action on the open image and waits for its result to reach the grid. */
const quickAction = async (page: Page, action: 'action-upscale' | 'action-remove-background', gridCount: number) => {
  await page.getByTestId(action).click();
  await expect(page.getByTestId('grid-item')).toHaveCount(gridCount);
};

/** Share of pixels whose channels are all under `limit` (near black), from raw RGBA. */
const darkShare = (data: Buffer, limit: number): number => {
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) < limit && (data[i + 1] ?? 0) < limit && (data[i + 2] ?? 0) < limit) dark++;
  return dark / (data.length / 4);
};

test('compare with the original: a before/after slider moved by keyboard, and the difference of same-size images', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A red kite over dunes']);
  await tile(page, 'red kite').dblclick();
  const parentId = await viewerId(page);
  await quickAction(page, 'action-remove-background', 2);
  // An original has nothing to compare with.
  await expect(page.getByTestId('compare-with-original')).toHaveCount(0);
  const childId = await page.getByTestId('lineage-child').getAttribute('data-image-id');
  await page.getByTestId('lineage-child').click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', childId ?? '');

  await page.getByTestId('compare-with-original').click();
  const compare = page.getByTestId('compare-view');
  await expect(compare).toHaveAttribute('data-mode', 'slider');
  const slider = page.getByRole('slider', { name: 'Divider between before and after' });
  await expect(slider).toHaveValue('50');
  await expect(slider).toHaveAttribute('aria-valuetext', '50% before');
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('40');
  await expect(slider).toHaveAttribute('aria-valuetext', '40% before');
  // The arrows moved the divider, not the viewer: it still shows the cut-out, after it the clipped "after" image.
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', childId ?? '');
  await expect(page.getByTestId('before-after-after')).toHaveCSS('clip-path', 'inset(0px 0px 0px 40%)');
  await expect(page.getByTestId('before-after-before')).toHaveCSS('clip-path', 'inset(0px 60% 0px 0px)');
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('100');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('1');
  await lagoon.screenshot('family-before-after');

  // The cut-out has its parent's size: the difference is black where the cut-out kept the picture, and shows the
  // removed background where it made it transparent.
  await page.getByTestId('compare-mode-difference').click();
  await expect(compare).toHaveAttribute('data-mode', 'difference');
  const frame = page.getByTestId('difference-frame');
  await expect(frame.locator('img')).toHaveCount(2);
  await expect.poll(() => frame.locator('img').evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete))).toBe(true);
  const shot = await sharp(await frame.screenshot()).ensureAlpha().raw().toBuffer();
  const cutout = await (await page.request.get(new URL(`media/image/${childId}`, page.url()).toString())).body();
  const { data: alpha, info } = await sharp(cutout).extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  const kept = alpha.filter((a) => a > 0).length / (info.width * info.height);
  const parentPixel = await sharp(await (await page.request.get(new URL(`media/image/${parentId}`, page.url()).toString())).body())
    .extract({ left: 0, top: 0, width: 1, height: 1 })
    .raw()
    .toBuffer();
  // The removed background (the top-left colour) is bright enough to tell from black, so the shares can be compared.
  expect(Math.max(...parentPixel.subarray(0, 3))).toBeGreaterThan(40);
  expect(kept).toBeGreaterThan(0.02);
  expect(kept).toBeLessThan(0.98);
  expect(Math.abs(darkShare(shot, 24) - kept)).toBeLessThan(0.05);
  await lagoon.screenshot('family-difference');

  // Side by side again: the original pinned on the left.
  await page.getByTestId('compare-mode-side').click();
  await expect(page.getByTestId('compare-left')).toHaveAttribute('data-image-id', parentId ?? '');
  await expect(page.getByTestId('compare-right')).toHaveAttribute('data-image-id', childId ?? '');
});

test('the family tree shows every generation, marks the open image, and navigates both ways by click and Enter', async ({ lagoon }) => {
  const { page } = lagoon;
  await page.setViewportSize({ width: 1280, height: 800 });
  await seedLibrary(page, ['A heron at low tide']);
  await tile(page, 'heron').dblclick();
  const rootId = await viewerId(page);
  await quickAction(page, 'action-upscale', 2);
  await quickAction(page, 'action-remove-background', 3);
  const [upscaleId, cutoutId] = await page.getByTestId('lineage-child').evaluateAll((els) => els.map((el) => el.getAttribute('data-image-id')));
  await page.locator(`[data-testid="lineage-child"][data-image-id="${upscaleId}"]`).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', upscaleId ?? '');
  await quickAction(page, 'action-remove-background', 4);

  const nodes = page.getByTestId('family-node');
  await expect(nodes).toHaveCount(4);
  // Tree order: the original, its upscale and the upscale's cut-out under it, then the original's own cut-out.
  const tree = await nodes.evaluateAll((els) => els.map((el) => [el.getAttribute('data-image-id'), el.getAttribute('data-generation')]));
  expect(tree[0]).toEqual([rootId, '0']);
  expect(tree[1]).toEqual([upscaleId, '1']);
  expect(tree[2]?.[1]).toBe('2');
  expect(tree[3]).toEqual([cutoutId, '1']);
  await expect(page.locator('[data-testid="family-node"][aria-current="true"]')).toHaveAttribute('data-image-id', upscaleId ?? '');
  await expect(page.getByTestId('family-tree')).toContainText('Family (4 images)');

  // Down to the grandchild by click…
  const grandchildId = tree[2]?.[0] ?? '';
  await nodes.nth(2).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', grandchildId);
  await expect(page.locator('[data-testid="family-node"][aria-current="true"]')).toHaveAttribute('data-image-id', grandchildId);
  await page.getByTestId('family-tree').scrollIntoViewIfNeeded();
  await lagoon.screenshot('family-tree');
  // …and back up to the original by keyboard.
  await nodes.first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', rootId ?? '');
  await expect(page.locator('[data-testid="family-node"][aria-current="true"]')).toHaveAttribute('data-image-id', rootId ?? '');

  await page.setViewportSize({ width: 800, height: 560 });
  await page.getByTestId('family-tree').scrollIntoViewIfNeeded();
  await lagoon.screenshot('family-tree-800');
});

test('families stack in the grid when asked: one tile with its count, expanded in place by click and by S; German too', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A heron at low tide', 'A paper boat']);
  await tile(page, 'heron').dblclick();
  const rootId = await viewerId(page);
  await quickAction(page, 'action-upscale', 3);
  await quickAction(page, 'action-remove-background', 4);
  await page.getByTestId('viewer-close').click();

  // Off by default: every image is a tile of its own.
  const toggle = page.getByTestId('stack-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('stack-badge')).toHaveCount(0);
  const order = await page.getByTestId('grid-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-image-id')));
  const [cutoutId, upscaleId, boatId] = order;
  expect(order).toEqual([cutoutId, upscaleId, boatId, rootId]);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // The family's newest member leads the stack where it sits; the paper boat keeps its own tile.
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  const badge = page.getByTestId('stack-badge');
  await expect(badge).toHaveText('3 versions');
  await expect(page.getByTestId('grid-item').first()).toHaveAttribute('data-image-id', cutoutId ?? '');
  await lagoon.screenshot('family-stacked');

  await badge.click();
  await expect(badge).toHaveAttribute('data-expanded', 'true');
  const expanded = await page.getByTestId('grid-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-image-id')));
  expect(expanded).toEqual([cutoutId, upscaleId, rootId, boatId]);
  await lagoon.screenshot('family-stack-expanded');

  // By keyboard: S folds the stack under the cursor.
  await page.getByTestId('grid-item').first().click();
  await page.keyboard.press('s');
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  await expect(badge).toHaveAttribute('data-expanded', 'false');

  // German, in a small window: the toolbar, the badge, the viewer's family tree.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('language-select').selectOption('de');
  await page.getByTestId('nav-library').click();
  await page.setViewportSize({ width: 800, height: 560 });
  await expect(toggle).toHaveText('Familien stapeln');
  await expect(badge).toHaveText('3 Versionen');
  await lagoon.screenshot('family-stacked-de-800');
  await page.getByTestId('grid-item').first().dblclick();
  await expect(page.getByTestId('family-tree')).toContainText('Familie (3 Bilder)');
  await page.getByTestId('compare-with-original').click();
  await expect(page.getByRole('slider', { name: 'Trennlinie zwischen vorher und nachher' })).toHaveAttribute('aria-valuetext', /^50\s%\svorher$/);
  await lagoon.screenshot('family-before-after-de-800');
});

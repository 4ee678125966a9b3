import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

// The family of an image: compare with the original (before/after, difference), the family tree in the viewer.

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

  // An upscale is not the same size: no difference view, the slider instead.
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

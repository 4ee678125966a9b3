import type { Browser, Locator, Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test } from './fixtures.ts';
import { putManyImages } from './manyImages.ts';

/**
 * The prepaint: the window's HTML paints the Library's first thumbnails where the grid last had them, before the
 * app's script has run; the grid then takes over in place. Seen here in a page with JavaScript off (what the HTML
 * alone paints), against the live grid at the same window size.
 */
const NEWEST = new Date(2026, 10, 2, 12).getTime();

type Box = { x: number; y: number; width: number; height: number };
const boxes = (tiles: Locator, count: number): Promise<Box[]> =>
  tiles.evaluateAll((els, n) => els.slice(0, n).map((el) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
  }), count);
const thumbSources = (tiles: Locator, count: number): Promise<string[]> =>
  tiles.evaluateAll((els, n) => els.slice(0, n).map((el) => el.querySelector('img')?.getAttribute('src') ?? ''), count);

/** What the page's HTML alone shows at `size`: a browser page with JavaScript off. */
const htmlAlone = async (browser: Browser, url: string, size: { width: number; height: number }): Promise<Page> => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: size });
  const page = await context.newPage();
  await page.goto(url);
  return page;
};

const stylesheet = (page: Page, url: string) => async () => (await page.request.get(new URL('prepaint.css', url).href)).text();

test('the HTML paints the first tiles where the grid has them, at each window size, and none for stacked families', async ({ lagoon, browser }) => {
  const { page } = lagoon;
  await putManyImages(lagoon.dataDir, 60, NEWEST, 5);
  await lagoon.restart();
  await page.getByTestId('nav-library').click();
  const grid = page.getByTestId('grid-item');
  await expect(grid.first().locator('img')).toBeVisible();

  // The grid tells main where its first tiles sit once its layout has settled.
  await expect.poll(stylesheet(page, lagoon.app.url), { timeout: 10_000 }).toContain('@media (width: 1280px) and (height: 800px)');
  const wide = await htmlAlone(browser, lagoon.app.url, { width: 1280, height: 800 });
  const pictured = wide.locator('#prepaint .tile');
  const count = await pictured.count();
  expect(count).toBeGreaterThanOrEqual(8);
  await expect(pictured.first().locator('img')).toBeVisible();
  // The same images, newest first, in the very boxes the grid draws them in.
  expect(await thumbSources(pictured, count)).toEqual(await thumbSources(grid, count));
  expect(await boxes(pictured, count)).toEqual(await boxes(grid, count));
  await wide.screenshot({ path: `${SCREENSHOT_DIR}/prepaint-html-alone.png` });

  // With the script running, the grid takes over: the picture is gone once its own first row shows.
  const served = page.waitForResponse((r) => r.url().endsWith('/prepaint.css'));
  await page.reload();
  expect((await served).ok()).toBe(true);
  await expect(grid.first().locator('img')).toBeVisible();
  await expect(page.locator('#prepaint')).toHaveCount(0);

  // A smaller window: measured anew, and the old size's picture is not shown in it, nor the new one in the old size.
  await page.setViewportSize({ width: 800, height: 560 });
  await expect.poll(stylesheet(page, lagoon.app.url), { timeout: 10_000 }).toContain('@media (width: 800px) and (height: 560px)');
  const small = await htmlAlone(browser, lagoon.app.url, { width: 800, height: 560 });
  const smallCount = await small.locator('#prepaint .tile').count();
  expect(await boxes(small.locator('#prepaint .tile'), smallCount)).toEqual(await boxes(grid, smallCount));
  await small.screenshot({ path: `${SCREENSHOT_DIR}/prepaint-html-alone-800.png` });
  const stale = await htmlAlone(browser, lagoon.app.url, { width: 1280, height: 800 });
  await expect(stale.locator('#prepaint')).toBeHidden();

  // Stacked families are not the list main can paint: no picture at all.
  await page.getByTestId('stack-toggle').click();
  await expect(page.getByTestId('stack-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(stylesheet(page, lagoon.app.url)).not.toContain('@media');
  const stacked = await htmlAlone(browser, lagoon.app.url, { width: 800, height: 560 });
  await expect(stacked.locator('#prepaint')).toHaveCount(0);
  await expect(stacked.locator('#root')).toHaveCount(1);
  for (const p of [wide, small, stale, stacked]) await p.context().close();
});

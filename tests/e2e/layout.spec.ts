import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type Lagoon, expect, test } from './fixtures.ts';
import { boxOf, expectApart, expectNoSidewaysScroll, expectOnScreen, expectPlaceholderWhole, expectTextWhole, promptedPng } from './layoutChecks.ts';
import { seedLibrary } from './seed.ts';

const SIZES = [
  { width: 800, height: 560 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const SUBJECTS = ['a quiet harbour at dusk', 'fog over a pine forest', 'a paper boat on a pond', 'desert dunes under stars', 'a red tram in the rain', 'an orchard in bloom'];

/** A key, two generated images (one blurred by Safe mode) and 28 imported ones: enough rows to scroll at every size. */
const fillLibrary = async (lagoon: Lagoon) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A lighthouse at dawn', 'nsfw a beach at night']);
  const folder = join(lagoon.exportDir, 'incoming');
  await mkdir(folder);
  for (let i = 0; i < 28; i++) await writeFile(join(folder, `picture-${i}.png`), await promptedPng(i, `${SUBJECTS[i % SUBJECTS.length]}, study ${i}`));
  await lagoon.setDialogs({ importPaths: [folder] });
  await page.getByTestId('import-folder-button').click();
  await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-done', '28', { timeout: 60_000 });
  await page.getByTestId('transfer-dismiss').click();
  await expect(page.getByTestId('grid-item').first()).toBeVisible();
};

const checkLibrary = async (page: Page, shot: (name: string) => Promise<void>) => {
  await page.getByTestId('nav-library').click();
  const header = ['library-title', 'result-count', 'select-all', 'import-files-button', 'import-folder-button'].map((id) => page.getByTestId(id));
  await expectOnScreen(page, ...header);
  // The two import buttons are one group (they share a border): apart from the rest, whole, not from each other.
  await expectApart(...header.slice(0, 3), page.getByTestId('import-files-button').locator('..'));
  await expectTextWhole(...header);
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '30');
  const toolbar = ['search-input', 'filter-toggle', 'sort-select', 'thumb-size-slider', 'save-search'].map((id) => page.getByTestId(id));
  await expectOnScreen(page, ...toolbar);
  await expectApart(...toolbar);
  await expectPlaceholderWhole(page.getByTestId('search-input'));
  const grid = page.getByTestId('grid');
  expect(Number(await grid.getAttribute('data-columns')), 'columns of thumbnails').toBeGreaterThanOrEqual(3);
  await expectNoSidewaysScroll(page);
  await shot('library');

  // Filters open and a selection: both sit beside the grid, neither over it.
  await page.getByTestId('filter-toggle').click();
  await page.getByTestId('grid-item').first().click();
  await page.getByTestId('grid-item').nth(3).click({ modifiers: ['Shift'] });
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toHaveAttribute('data-count', '4');
  await expectApart(page.getByTestId('filters-panel'), grid, bar);
  await expectOnScreen(page, bar, page.getByTestId('bulk-count'), page.getByTestId('bulk-export'), page.getByTestId('bulk-trash'));
  const gridBox = await boxOf(grid);
  expect(gridBox.height, 'the grid keeps room to show thumbnails').toBeGreaterThanOrEqual(120);

  // The last row scrolls into view above the bulk bar, whole.
  await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = page.locator('[data-testid="grid-item"]').last();
  await expect(last).toHaveAttribute('data-image-id', /.+/);
  const lastBox = await boxOf(last);
  const barBox = await boxOf(bar);
  expect(lastBox.y + lastBox.height, 'the last row ends above the bulk bar').toBeLessThanOrEqual(barBox.y);
  expect(lastBox.y + lastBox.height, 'the last row ends inside the grid').toBeLessThanOrEqual(gridBox.y + gridBox.height + 0.5);
  await shot('library-selection');

  // The tag field of the bulk bar shows its whole hint.
  await page.getByTestId('bulk-tag').click();
  await expectPlaceholderWhole(page.getByTestId('bulk-tag-input'));
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-toggle').click();
  await page.getByTestId('bulk-clear').click();
  await grid.evaluate((el) => el.scrollTo({ top: 0 }));
};

const checkViewer = async (page: Page, shot: (name: string) => Promise<void>) => {
  await page.getByTestId('grid-item').nth(1).dblclick();
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toBeVisible();
  await expectOnScreen(page, page.getByTestId('viewer-close'), page.getByTestId('viewer-previous'), page.getByTestId('viewer-next'));
  const stage = await boxOf(page.getByTestId('viewer-stage'));
  expect(Math.min(stage.width, stage.height), 'the picture gets room').toBeGreaterThanOrEqual(200);
  await expectPlaceholderWhole(page.getByTestId('viewer-tag-input'));
  await shot('viewer');
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
};

const checkGenerate = async (page: Page, shot: (name: string) => Promise<void>) => {
  await page.getByTestId('nav-generate').click();
  await expectOnScreen(page, page.getByTestId('generate-button'), page.getByTestId('mode-advanced'));
  await expect(page.getByTestId('prompt-input')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot('generate');
};

const checkSettings = async (page: Page, shot: (name: string) => Promise<void>) => {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('key-status')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot('settings');
};

for (const [language, locale] of [
  ['en', 'en-US'],
  ['de', 'de-DE'],
] as const) {
  test.describe(`layout (${language})`, () => {
    test.use({ locale });

    test('library, viewer, generate and settings fit at 800×560, 1280×800 and 1920×1080', async ({ lagoon }) => {
      test.setTimeout(240_000);
      const { page } = lagoon;
      await fillLibrary(lagoon);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        const shot = (name: string) => lagoon.screenshot(`layout-${language}-${size.width}x${size.height}-${name}`);
        await checkLibrary(page, shot);
        await checkViewer(page, shot);
        await checkGenerate(page, shot);
        await checkSettings(page, shot);
      }
    });
  });
}

test('the sidebar and the library sections fold away, and stay as the user left them', async ({ lagoon }) => {
  const { page } = lagoon;
  await page.setViewportSize({ width: 1280, height: 800 });
  const sidebar = page.getByTestId('sidebar');
  await expect(sidebar).toHaveAttribute('data-collapsed', 'false');
  await page.getByTestId('sidebar-toggle').click();
  await expect(sidebar).toHaveAttribute('data-collapsed', 'true');
  expect((await boxOf(sidebar)).width, 'a rail of icons').toBeLessThanOrEqual(72);
  // Folded, the buttons keep their names (for screen readers and as tooltips).
  await expect(page.getByRole('button', { name: 'Library' })).toBeVisible();
  await page.getByTestId('nav-library').click();
  await page.getByTestId('lib-nav-toggle').click();
  await expect(page.getByTestId('lib-nav-all')).toBeHidden();
  // Folded away, the nav leaves its width to the library, which reaches the window's right edge.
  const header = await boxOf(page.locator('.library__header'));
  expect(header.x + header.width, 'the library takes the freed width').toBeGreaterThan(1280 - 40);
  await lagoon.screenshot('layout-folded-1280');

  // A new window on the same app (the harness's port, and so its storage, changes with a restarted process).
  await page.reload();
  await expect(page.getByTestId('sidebar')).toHaveAttribute('data-collapsed', 'true');
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('lib-nav-all')).toBeHidden();
  // A narrow window folds them by itself only until the user chose: here the user unfolds both, and they stay.
  await page.setViewportSize({ width: 800, height: 560 });
  await page.getByTestId('sidebar-toggle').click();
  await page.getByTestId('lib-nav-toggle').click();
  await expect(page.getByTestId('sidebar')).toHaveAttribute('data-collapsed', 'false');
  await expect(page.getByTestId('lib-nav-all')).toBeVisible();
  await page.getByTestId('lib-nav-trash').click();
  // The trash takes no import and has no search worth saving.
  await expect(page.getByTestId('import-files-button')).toBeHidden();
  await expect(page.getByTestId('import-folder-button')).toBeHidden();
  await expect(page.getByTestId('save-search')).toHaveCount(0);
  await page.getByTestId('lib-nav-all').click();
  await expect(page.getByTestId('import-files-button')).toBeVisible();
  await expect(page.getByTestId('save-search')).toBeVisible();
});

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { SHORTCUTS } from '../../src/renderer/src/shortcuts/registry.ts';
import { expect, test } from './fixtures.ts';

const ROWS = SHORTCUTS.reduce((n, s) => n + s.scopes.length, 0);
const current = (page: Page, view: string) => expect(page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');

test('"?" lists every shortcut; Ctrl/Cmd+F and "/" go to search; Ctrl/Cmd+1/2/3 switch views', async ({ lagoon }) => {
  const { page } = lagoon;
  await current(page, 'generate');

  // The list is the registry the handlers use: one row per shortcut and place.
  await page.keyboard.press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('shortcut')).toHaveCount(ROWS);
  for (const s of SHORTCUTS) await expect(dialog.locator(`[data-shortcut="${s.id}"]`).first()).not.toBeEmpty();
  await page.setViewportSize({ width: 800, height: 560 });
  await lagoon.screenshot('shortcuts-dialog-800');
  // While the dialog is open, the page's shortcuts are off.
  await page.keyboard.press('ControlOrMeta+2');
  await current(page, 'generate');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.keyboard.press('ControlOrMeta+2');
  await current(page, 'library');
  await page.keyboard.press('ControlOrMeta+3');
  await current(page, 'settings');
  await page.keyboard.press('ControlOrMeta+1');
  await current(page, 'generate');

  // Typing: "?" and "/" are text; a chord still works.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('key-input').fill('abc');
  await page.getByTestId('key-input').press('?');
  await page.getByTestId('key-input').press('/');
  await expect(page.getByTestId('key-input')).toHaveValue('abc?/');
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+f');
  await current(page, 'library');
  await expect(page.getByTestId('search-input')).toBeFocused();

  await page.getByTestId('search-input').fill('heron');
  await page.getByTestId('filter-toggle').focus();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await expect(page.getByTestId('search-input')).toHaveValue('heron');
});

test.describe('German', () => {
  test.use({ locale: 'de-DE' });

  test('the shortcut list in German', async ({ lagoon }) => {
    const { page } = lagoon;
    await page.setViewportSize({ width: 800, height: 560 });
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-dialog')).toContainText('Tastenkürzel');
    await expect(page.getByTestId('shortcuts-dialog')).toContainText('Alle auswählen');
    await lagoon.screenshot('shortcuts-dialog-800-de');
  });
});

test('closing the viewer lands on the last image viewed: selected and scrolled into view', async ({ lagoon }) => {
  test.slow(); // imports sixty images
  const { page } = lagoon;
  const folder = join(lagoon.exportDir, 'many');
  await mkdir(folder);
  for (let i = 0; i < 60; i++) {
    const png = await sharp({ create: { width: 48, height: 48, channels: 3, background: { r: (i * 37) % 256, g: (i * 11) % 256, b: i * 4 } } }).png().toBuffer();
    await writeFile(join(folder, `image-${String(i).padStart(2, '0')}.png`), png);
  }
  await lagoon.setDialogs({ importPaths: [folder] });
  await page.getByTestId('nav-library').click();
  await page.getByTestId('import-folder-button').click();
  // Sixty imports on a busy machine can outlast the default wait.
  await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-done', '60', { timeout: 90_000 });
  await page.getByTestId('transfer-dismiss').click();

  await page.getByTestId('grid-item').first().dblclick();
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toBeVisible();
  for (let i = 0; i < 45; i++) {
    const before = await viewer.getAttribute('data-image-id');
    await page.keyboard.press('ArrowRight');
    await expect(viewer).not.toHaveAttribute('data-image-id', before ?? '');
  }
  const lastViewed = await viewer.getAttribute('data-image-id');
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  const landed = page.locator(`[data-testid="grid-item"][data-image-id="${lastViewed}"]`);
  await expect(landed).toBeInViewport();
  await expect(landed).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('bulk-bar')).toHaveAttribute('data-count', '1');
  await lagoon.screenshot('viewer-closed-lands-on-last');
  // The keyboard carries on from there.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-testid="grid-item"][data-selected="true"]')).not.toHaveAttribute('data-image-id', lastViewed ?? '');
});

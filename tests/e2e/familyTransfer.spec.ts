import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startAppProcess } from './appProcess.ts';
import { expect, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

// A family outlives its members: a trashed or purged parent is still named, and an exported family imported into an
// empty library finds its links again.

test.describe.configure({ timeout: 120_000 });

const viewerId = (page: Page) => page.getByTestId('viewer').getAttribute('data-image-id');

const sha256Of = (page: Page, id: string): Promise<string> =>
  page.evaluate(async (imageId) => {
    const api = (window as unknown as { api: { request: (route: string, input: unknown) => Promise<{ ok: boolean; data: { sha256: string } }> } }).api;
    const answer = await api.request('images.get', { id: imageId });
    if (!answer.ok) throw new Error('images.get failed');
    return answer.data.sha256;
  }, id);

test('a trashed parent stays in the family and opens from it; a purged one is still named by its hash', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A tern over the bay']);
  await tile(page, 'tern').dblclick();
  const parentId = (await viewerId(page)) ?? '';
  const parentSha = await sha256Of(page, parentId);
  await page.getByTestId('action-remove-background').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  await page.getByTestId('viewer-trash').click();
  const viewer = page.getByTestId('viewer');
  const childId = (await viewerId(page)) ?? '';
  expect(childId).not.toBe(parentId);

  // The child says where it came from; the tree keeps the trashed parent, marked, and opens it though the grid no
  // longer has it.
  await expect(page.getByTestId('lineage-parents')).toContainText('Source · in the trash');
  const parentNode = page.locator(`[data-testid="family-node"][data-image-id="${parentId}"]`);
  await expect(parentNode).toContainText('in the trash');
  await parentNode.click();
  await expect(viewer).toHaveAttribute('data-image-id', parentId);
  await expect(page.getByTestId('viewer-restore')).toBeVisible();
  await lagoon.screenshot('family-trashed-parent-open');
  await page.locator(`[data-testid="family-node"][data-image-id="${childId}"]`).click();
  await expect(viewer).toHaveAttribute('data-image-id', childId);
  await page.getByTestId('viewer-close').click();

  // Deleted forever from the trash: the child still names it, by its hash; there is no family left to draw.
  await page.getByTestId('lib-nav-trash').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await page.getByTestId('grid-item').first().click();
  await page.getByTestId('bulk-delete-forever').click();
  await page.getByTestId('bulk-delete-forever-confirm').click();
  await expect(page.getByTestId('trash-empty-state')).toBeVisible();
  await page.getByTestId('lib-nav-all').click();
  await page.getByTestId('grid-item').first().dblclick();
  await expect(viewer).toHaveAttribute('data-image-id', childId);
  await expect(page.getByTestId('lineage-parent-gone')).toContainText('an image you deleted');
  await expect(page.getByTestId('lineage-parent-gone')).toContainText(`sha256 ${parentSha.slice(0, 12)}`);
  await expect(page.getByTestId('family-tree')).toHaveCount(0);
  await expect(page.getByTestId('compare-with-original')).toHaveCount(0);
  await lagoon.screenshot('family-parent-purged');
});

test('a family exported and imported into an empty library has its links back: tree, parents and versions', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A plover on the shore']);
  await tile(page, 'plover').dblclick();
  await page.getByTestId('action-upscale').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  await page.getByTestId('action-remove-background').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(3);
  await page.getByTestId('viewer-close').click();

  await page.getByTestId('select-all').click();
  await page.getByTestId('bulk-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-confirm').click();
  await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-done', '3');
  expect(await readdir(lagoon.exportDir)).toHaveLength(3);

  // A second app on an empty data folder imports the exported folder.
  const emptyDir = await mkdtemp(join(tmpdir(), 'lagoon-e2e-empty-'));
  const other = await startAppProcess({
    LAGOON_DATA_DIR: emptyDir,
    LAGOON_API_BASE_URL: lagoon.fake.url,
    LAGOON_TEST_KEYCHAIN_SERVICE: `${lagoon.keychainService}-empty`,
    LAGOON_TEST_IMPORT_PATHS: JSON.stringify([lagoon.exportDir]),
  });
  try {
    await page.goto(other.url);
    await page.getByTestId('nav-library').click();
    await expect(page.getByTestId('library-empty')).toBeVisible();
    await page.getByTestId('import-folder-button').click();
    await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-done', '3');
    await expect(page.getByTestId('grid-item')).toHaveCount(3);

    // Whichever image opens, the same family of three is drawn: the original with its two versions under it.
    await page.getByTestId('grid-item').first().dblclick();
    const nodes = page.getByTestId('family-node');
    await expect(nodes).toHaveCount(3);
    expect(await nodes.evaluateAll((els) => els.map((el) => el.getAttribute('data-generation')))).toEqual(['0', '1', '1']);
    const rootId = (await nodes.first().getAttribute('data-image-id')) ?? '';
    await nodes.first().click();
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', rootId);
    await expect(page.getByTestId('lineage-child')).toHaveCount(2);
    await page.getByTestId('lineage-child').first().click();
    await expect(page.getByTestId('lineage-parent')).toHaveAttribute('data-image-id', rootId);
    await expect(page.getByTestId('compare-with-original')).toBeVisible();
    await page.getByTestId('family-tree').scrollIntoViewIfNeeded();
    await lagoon.screenshot('family-imported');
  } finally {
    await page.goto('about:blank');
    await other.stop();
    await rm(emptyDir, { recursive: true, force: true });
  }
});

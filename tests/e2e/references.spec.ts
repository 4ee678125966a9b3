import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { storeKey } from './seed.ts';

const doneJobs = (page: Page) => page.locator('[data-testid="queue-item"][data-status="done"]');
const generatePosts = (posts: Array<{ method: string; path: string; body: unknown }>) =>
  posts.filter((r) => r.method === 'POST' && r.path.endsWith('/image/generate')).map((r) => r.body as Record<string, unknown>);

/** The library's file for an image id, wherever its shard is. */
const libraryFile = async (dataDir: string, id: string): Promise<Buffer> => {
  const root = join(dataDir, 'images');
  for (const shard of await readdir(root)) {
    const names = await readdir(join(root, shard)).catch(() => [] as string[]);
    const name = names.find((n) => n.startsWith(id));
    if (name) return readFile(join(root, shard, name));
  }
  throw new Error(`no file for ${id}`);
};

test('reference images: Use as reference from the viewer, a model that takes them, web search in the price, every image of the batch in the result area', async ({
  lagoon,
}) => {
  const { page, fake } = lagoon;
  await storeKey(page);
  await page.getByTestId('prompt-input').fill('A teal and copper palette');
  await page.getByTestId('generate-button').click();
  await expect(doneJobs(page)).toHaveCount(1);

  // From the viewer: the image joins the Generate form's references, and the form is shown.
  await page.getByTestId('nav-library').click();
  await page.getByTestId('grid-item').first().dblclick();
  const referenceId = await page.getByTestId('grid-item').first().getAttribute('data-image-id');
  await expect(page.getByTestId('viewer-use-reference')).toBeVisible();
  await lagoon.screenshot('references-viewer-button');
  await page.getByTestId('viewer-use-reference').click();
  await expect(page.getByTestId('view-generate')).toBeVisible();
  await expect(page.getByTestId('advanced-panel')).toBeVisible();
  await expect(page.getByTestId('reference-item')).toHaveCount(1);
  await expect(page.getByTestId('reference-item')).toHaveAttribute('data-image-id', referenceId ?? '');

  // The starting model takes no references: they stay, the form says which models do, Generate waits.
  await page.getByTestId('model-select').selectOption('venice-sd35');
  await expect(page.getByTestId('references-unsupported')).toContainText('Nano Banana 2');
  await page.getByTestId('prompt-input').fill('A heron in the style of the reference');
  await expect(page.getByTestId('generate-button')).toBeDisabled();
  await lagoon.screenshot('references-unsupported-model');

  await page.getByTestId('model-select').selectOption('nano-banana-2');
  await expect(page.getByTestId('references-unsupported')).toHaveCount(0);
  await page.getByTestId('reference-strength').fill('0.7');
  await page.getByTestId('web-search-toggle').check();
  await page.getByTestId('prompt-thinking-toggle').check();
  await page.getByTestId('variants-select').selectOption('3');
  // 3 × ($0.10 at 1K + $0.01 web search).
  await expect(page.getByTestId('price-estimate')).toHaveAttribute('data-price', '0.33');
  await expect(page.getByTestId('price-estimate')).toContainText('web search');
  await lagoon.screenshot('references-form');

  const before = generatePosts(fake.requests).length;
  await page.getByTestId('generate-button').click();
  await expect(doneJobs(page)).toHaveCount(2);
  const sent = generatePosts(fake.requests).slice(before);
  expect(sent).toHaveLength(1);
  const referenceBytes = await libraryFile(lagoon.dataDir, referenceId ?? '');
  expect(sent[0]).toMatchObject({
    model: 'nano-banana-2',
    variants: 3,
    enable_web_search: true,
    disable_prompt_optimization_thinking: true,
    style_references: [{ image: referenceBytes.toString('base64'), strength: 0.7 }],
  });

  // The result area shows every image of the batch.
  await expect(page.getByTestId('result-variant')).toHaveCount(3);
  await page.getByTestId('result-variant').nth(2).click();
  await expect(page.getByTestId('result-variant').nth(2)).toHaveAttribute('aria-pressed', 'true');
  await lagoon.screenshot('references-result-batch');

  // A failure shows where the image would have been, inside the result area.
  await page.getByTestId('web-search-toggle').uncheck();
  await page.getByTestId('variants-select').selectOption('1');
  await page.getByTestId('prompt-input').fill('[fail:500] a heron that never comes');
  await page.getByTestId('generate-button').click();
  await expect(page.locator('section.result [data-testid="generate-error"]')).toBeVisible();
  await expect(page.getByTestId('generate-result')).toHaveCount(0);
  await lagoon.screenshot('references-failure-in-place');

  // The new image says what it was made from; Reuse settings brings the reference and the switches back.
  await page.getByTestId('nav-library').click();
  await page.keyboard.press('Escape');
  const child = page.locator('[data-testid="grid-item"]').first();
  await child.dblclick();
  await expect(page.getByTestId('lineage-parent')).toHaveAttribute('data-image-id', referenceId ?? '');
  await page.getByTestId('viewer-reuse').click();
  await expect(page.getByTestId('reference-item')).toHaveCount(1);
  await expect(page.getByTestId('web-search-toggle')).toBeChecked();
  await expect(page.getByTestId('model-select')).toHaveValue('nano-banana-2');
});

import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { startFakeVenice } from '../fake-venice/server.ts';
import { E2E_API_KEY, expect, test } from './fixtures.ts';
import { storeKey } from './seed.ts';

const generate = async (page: Page, prompt: string) => {
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('prompt-input').fill(prompt);
  await page.getByTestId('prompt-input').press('Control+Enter');
};

/** True once the <img> has really decoded (a broken image has naturalWidth 0). */
const imageLoaded = (page: Page, selector: string) =>
  page.waitForFunction((s) => {
    const img = document.querySelector<HTMLImageElement>(s);
    return !!img && img.complete && img.naturalWidth > 0;
  }, selector);

test('generate: the image appears, lands in the grid newest first, and opens large', async ({ lagoon }) => {
  const { page, fake } = lagoon;
  await storeKey(page);
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('size-select').selectOption('512x512');
  await page.getByTestId('format-select').selectOption('webp');
  await page.getByTestId('prompt-input').fill('A lighthouse over a calm lagoon at dawn');
  await expect(page.getByTestId('prompt-counter')).toContainText('39');
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('generate-result')).toBeVisible();
  await imageLoaded(page, '[data-testid="generate-result"] img');
  await lagoon.screenshot('generate-result');

  const posts = fake.requests.filter((r) => r.method === 'POST');
  expect(posts).toHaveLength(1);
  expect(posts[0]?.headers.authorization).toBe(`Bearer ${E2E_API_KEY}`);
  expect(posts[0]?.body).toMatchObject({ prompt: 'A lighthouse over a calm lagoon at dawn', size: '512x512', output_format: 'webp', n: 1 });

  await generate(page, 'Second: a red fox in snow');
  await expect(page.getByTestId('generate-result')).toContainText('red fox');

  await page.getByTestId('nav-library').click();
  const items = page.getByTestId('grid-item');
  await expect(items).toHaveCount(2);
  await imageLoaded(page, '[data-testid="grid-item"] img');
  await lagoon.screenshot('library-grid');
  await items.first().dblclick();
  await expect(page.getByTestId('viewer')).toBeVisible();
  await expect(page.getByTestId('viewer-prompt')).toHaveText('Second: a red fox in snow');
  await imageLoaded(page, '[data-testid="viewer"] img');
  await lagoon.screenshot('library-viewer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('viewer')).toHaveCount(0);

  // Dragging a thumbnail asks main for a native drag of that image (and nothing else), as a copy whose XMP carries
  // the prompt for the app it is dropped on.
  const id = await items.last().getAttribute('data-image-id');
  await items.last().dragTo(page.getByTestId('nav-settings'));
  await expect.poll(() => lagoon.app.drags.length).toBe(1);
  const dragged = lagoon.app.drags[0]?.file ?? '';
  expect(dragged).toContain(id);
  expect((await sharp(dragged).metadata()).xmp?.toString('utf8')).toContain('A lighthouse over a calm lagoon at dawn');
});

test('a key Venice refuses only later (saved while offline) gives the clear message, stores nothing and is flagged', async ({ lagoon }) => {
  const { page } = lagoon;
  // Saving checks the key with Venice, so a wrong key gets stored only when Venice cannot be asked.
  const port = Number(new URL(lagoon.fake.url).port);
  await lagoon.restart({ offline: true });
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('key-input').fill('definitely-not-the-right-key');
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-verification', 'unverified');
  const back = await startFakeVenice({ apiKey: E2E_API_KEY, port });
  try {
    await generate(page, 'A quiet harbour');
    await expect(page.getByTestId('generate-error')).toContainText('API key was rejected');
    await expect(page.getByTestId('key-rejected')).toBeVisible();
    await lagoon.screenshot('generate-wrong-key');
    expect(back.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await page.getByTestId('nav-library').click();
    await expect(page.getByTestId('grid-item')).toHaveCount(0);
  } finally {
    await page.goto('about:blank');
    await back.close();
  }
});

test('restart with Venice unreachable: the library is still there and browsable', async ({ lagoon }) => {
  const { page } = lagoon;
  await storeKey(page);
  await generate(page, 'Kept forever: a paper boat');
  await expect(page.getByTestId('generate-result')).toBeVisible();

  await lagoon.restart({ offline: true });
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await imageLoaded(page, '[data-testid="grid-item"] img');
  await page.getByTestId('grid-item').first().dblclick();
  await expect(page.getByTestId('viewer-prompt')).toHaveText('Kept forever: a paper boat');
  await imageLoaded(page, '[data-testid="viewer"] img');
  await lagoon.screenshot('library-offline-after-restart');

  // Generating while offline queues the job to wait for the network (nothing was sent, nothing charged), and the
  // user sees that it waits and can cancel it.
  await page.keyboard.press('Escape');
  await generate(page, 'This cannot reach Venice');
  const waiting = page.locator('[data-testid="queue-item"][data-status="waiting_offline"]');
  await expect(waiting).toHaveCount(1);
  await expect(page.getByTestId('offline-indicator')).toBeVisible();
  await lagoon.screenshot('generate-offline-waiting');
  await waiting.getByTestId('queue-cancel').click();
  await expect(page.locator('[data-testid="queue-item"][data-status="cancelled"]')).toHaveCount(1);
});

import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { ITERATE_LIMITS } from '../../src/shared/iterateLimits.ts';
import { expect, type Lagoon, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

/** A seeded generation, a 33-megapixel input made smaller and an edit on a shared machine: more than the default minute. */
const LONG = 180_000;

const editPosts = (lagoon: Lagoon) => lagoon.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/image/edit'));
const inputIds = (page: Page) => page.getByTestId('iterate-input').evaluateAll((items) => items.map((el) => el.getAttribute('data-image-id') ?? ''));

/** The input image of a logged edit: a multipart file part (a Buffer) or a base64 string, with or without a data URI. */
const sentImage = (body: unknown): Buffer => {
  const image = (body as { image?: unknown } | undefined)?.image;
  if (Buffer.isBuffer(image)) return image;
  if (typeof image === 'string') return Buffer.from(image.replace(/^data:[^,]*,/u, ''), 'base64');
  throw new Error('the edit carried no image');
};

test('an input too large for Venice offers a smaller copy; one keypress puts it in place, the price shows, and Send sends it', async ({ lagoon }) => {
  test.setTimeout(LONG);
  const { page } = lagoon;
  await seedLibrary(page, ['A lighthouse at dawn']);
  await tile(page, 'lighthouse').dblclick();
  await page.getByTestId('action-edit').click();
  await page.keyboard.type('add a gull');
  await expect(page.getByTestId('iterate-price')).toBeVisible();

  // 8192×4096: the most pixels the library takes in, and more than Venice's 33,177,600. Picked as a file, it joins
  // the library, and main refuses it before anything could be sent, offering the largest copy that fits.
  const panorama = await sharp({ create: { width: 256, height: 128, channels: 4, background: { r: 40, g: 110, b: 190, alpha: 0.6 } } })
    .resize(8192, 4096, { kernel: 'nearest' })
    .png()
    .toBuffer();
  await page.getByTestId('iterate-file-input').setInputFiles({ name: 'panorama.png', mimeType: 'image/png', buffer: panorama });
  const refused = page.getByTestId('iterate-refused');
  await expect(refused).toHaveAttribute('data-problem', 'too_large', { timeout: 30_000 });
  const [original = ''] = await inputIds(page);
  const offer = page.getByTestId('iterate-downscale');
  await expect(offer).toHaveText('Use a smaller copy (8145 × 4072)');
  await expect(page.getByTestId('iterate-send')).toBeDisabled();
  await lagoon.screenshot('iterate-downscale-offer');
  expect(editPosts(lagoon)).toHaveLength(0);

  // By keyboard: the copy takes the input's place, the focus goes back to the prompt, and the form checks again.
  const before = await page.getByTestId('grid-item').count();
  await offer.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => inputIds(page), { timeout: 30_000 }).not.toEqual([original]);
  const [copy = ''] = await inputIds(page);
  await expect(page.getByTestId('iterate-prompt')).toBeFocused();
  await expect(page.getByTestId('iterate-price')).toContainText('$0.04');
  await expect(page.getByTestId('iterate-downscaled')).toContainText('8145 × 4072');
  await expect(page.getByTestId('grid-item')).toHaveCount(before + 1);
  await lagoon.screenshot('iterate-downscale-ready');
  // Making the copy sent nothing.
  expect(editPosts(lagoon)).toHaveLength(0);

  await page.getByTestId('iterate-send').click();
  await expect(page.getByTestId('iterate-queued')).toContainText('$0.04');
  await expect(page.getByTestId('grid-item')).toHaveCount(before + 2, { timeout: 60_000 });
  // One edit went to Venice, with the smaller copy as its input.
  const posts = editPosts(lagoon);
  expect(posts).toHaveLength(1);
  const sent = await sharp(sentImage(posts[0]?.body)).metadata();
  expect([sent.format, sent.width, sent.height]).toEqual(['png', 8145, 4072]);
  expect((sent.width ?? 0) * (sent.height ?? 0)).toBeLessThanOrEqual(ITERATE_LIMITS.maxPixels);
  expect(copy).not.toBe(original);
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { storeKey } from './seed.ts';

const jobsWith = (page: Page, status: string) => page.locator(`[data-testid="queue-item"][data-status="${status}"]`);

test('advanced panel: native route with variants and a locked seed; reuse fills the form again', async ({ lagoon }) => {
  const { page, fake } = lagoon;
  await storeKey(page);
  await page.getByTestId('mode-advanced').click();
  await expect(page.getByTestId('advanced-panel')).toBeVisible();
  await page.getByTestId('model-select').selectOption('venice-sd35');
  await expect(page.getByTestId('model-price')).toContainText('0.01');
  await page.getByTestId('prompt-input').fill('Two herons on a misty lagoon');
  await page.getByTestId('variants-select').selectOption('2');
  await page.getByTestId('seed-lock').check();
  await page.getByTestId('seed-input').fill('12345');
  await page.getByTestId('steps-input').fill('20');
  await expect(page.getByTestId('price-estimate')).toHaveAttribute('data-price', '0.02');
  await lagoon.screenshot('advanced-panel');

  // A value the model cannot take blocks Generate before anything is sent.
  await page.getByTestId('steps-input').fill('31');
  await expect(page.getByTestId('generate-button')).toBeDisabled();
  await page.getByTestId('steps-input').fill('20');

  await page.getByTestId('generate-button').click();
  await expect(jobsWith(page, 'done')).toHaveCount(1);
  const native = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/image/generate'));
  expect(native).toHaveLength(1);
  expect(native[0]?.body).toMatchObject({ model: 'venice-sd35', prompt: 'Two herons on a misty lagoon', variants: 2, seed: 12345, steps: 20 });

  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  await page.getByTestId('grid-item').first().dblclick();
  await page.getByTestId('viewer-reuse').click();
  await expect(page.getByTestId('advanced-panel')).toBeVisible();
  await expect(page.getByTestId('model-select')).toHaveValue('venice-sd35');
  await expect(page.getByTestId('seed-input')).toHaveValue('12345');
  await expect(page.getByTestId('prompt-input')).toHaveValue('Two herons on a misty lagoon');
});

test('queue: several jobs at once, cancel a running one, a failure that may have been charged, explicit retry', async ({ lagoon }) => {
  const { page, fake } = lagoon;
  await storeKey(page);
  const queueUp = async (prompt: string) => {
    await page.getByTestId('prompt-input').fill(prompt);
    await page.getByTestId('generate-button').click();
  };
  await queueUp('[fail:slow:20000] a very slow sunrise');
  await queueUp('a quick lighthouse');
  await queueUp('[fail:500] a broken request');
  await expect(jobsWith(page, 'running')).toHaveCount(1);
  await expect(jobsWith(page, 'done')).toHaveCount(1);
  await expect(jobsWith(page, 'failed')).toHaveCount(1);
  await expect(jobsWith(page, 'failed').getByTestId('queue-charged')).toBeVisible();
  await lagoon.screenshot('queue-mixed');

  await jobsWith(page, 'running').getByTestId('queue-cancel').click();
  await expect(jobsWith(page, 'cancelled')).toHaveCount(1);

  // A retry after an ambiguous failure is the user's call, and asked for.
  const posts = () => fake.requests.filter((r) => r.method === 'POST').length;
  const before = posts();
  await jobsWith(page, 'failed').getByTestId('queue-retry').click();
  await page.getByTestId('queue-retry-confirm').click();
  await expect(jobsWith(page, 'failed')).toHaveCount(2);
  expect(posts()).toBe(before + 1);
});

test('after five failures in a row the queue pauses, and says for how long, instead of flooding Venice', async ({ lagoon }) => {
  const { page, fake } = lagoon;
  await storeKey(page);
  for (let i = 1; i <= 6; i++) {
    await page.getByTestId('prompt-input').fill(`[fail:500] storm ${i}`);
    await page.getByTestId('generate-button').click();
  }
  await expect(jobsWith(page, 'failed')).toHaveCount(5);
  await expect(page.getByTestId('queue-paused')).toContainText(/start again in (30|29|28|27) seconds/u);
  await expect(jobsWith(page, 'queued')).toHaveCount(1);
  expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(5);
  await lagoon.screenshot('queue-paused');
});

test('blurred images carry a badge that explains the moderation setting', async ({ lagoon }) => {
  const { page } = lagoon;
  await storeKey(page);
  await page.getByTestId('prompt-input').fill('nsfw beach at night');
  await page.getByTestId('generate-button').click();
  await expect(jobsWith(page, 'done')).toHaveCount(1);
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('grid-item').getByTestId('blurred-badge')).toBeVisible();
  await page.getByTestId('grid-item').first().dblclick();
  await expect(page.getByTestId('viewer').getByTestId('blurred-badge')).toContainText(/Safe/);
  await lagoon.screenshot('viewer-blurred');
});

test.describe('German', () => {
  test.use({ locale: 'de-DE' });
  test('an error in the queue is explained in German', async ({ lagoon }) => {
    const { page } = lagoon;
    await storeKey(page);
    await page.getByTestId('prompt-input').fill('[fail:402] ein Leuchtturm');
    await page.getByTestId('generate-button').click();
    const error = jobsWith(page, 'failed').getByTestId('queue-error');
    await expect(error).toHaveAttribute('data-error-code', 'INSUFFICIENT_BALANCE');
    await expect(error).toContainText('Guthaben');
    await lagoon.screenshot('queue-error-german');
  });
});

import type { Page } from '@playwright/test';
import { startFakeVenice } from '../fake-venice/server.ts';
import { E2E_API_KEY, expect, test } from './fixtures.ts';

const posts = (lagoon: { fake: { requests: Array<{ method: string }> } }) => lagoon.fake.requests.filter((r) => r.method === 'POST').length;

const saveKey = async (page: Page, key: string) => {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('key-input').fill(key);
  await page.getByTestId('key-save').click();
};

const generate = async (page: Page, prompt: string) => {
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('prompt-input').fill(prompt);
  await page.getByTestId('generate-button').click();
};

test('a key Venice refuses is not saved; an accepted one shows plan, balance and expiry before any image', async ({ lagoon }) => {
  const { page } = lagoon;
  await saveKey(page, 'sk-not-a-venice-key-0000');
  const feedback = page.getByTestId('key-feedback');
  await expect(feedback).toHaveAttribute('data-feedback', 'rejected');
  await expect(feedback).toContainText('not saved');
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-present', 'false');
  expect(await lagoon.keychainValue()).toBeNull();
  await lagoon.screenshot('settings-key-refused');

  await saveKey(page, E2E_API_KEY);
  await expect(feedback).toHaveAttribute('data-feedback', 'saved');
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-verification', 'verified');
  await expect(page.getByTestId('key-status')).toContainText('accepted by Venice');
  expect(await lagoon.keychainValue()).toBe(E2E_API_KEY);
  // The account panel knows the account before any image was made.
  await expect(page.getByTestId('balance')).toContainText('$25.00');
  await expect(page.getByTestId('account-tier')).toHaveText('Paid');
  await expect(page.getByTestId('key-expiry')).toContainText('2027');
  expect(posts(lagoon)).toBe(0);
  await lagoon.screenshot('settings-key-verified');
});

test('offline: the key is saved as not verified yet, and the next request that succeeds verifies it', async ({ lagoon }) => {
  const { page } = lagoon;
  const port = Number(new URL(lagoon.fake.url).port);
  await lagoon.restart({ offline: true });
  await saveKey(page, E2E_API_KEY);
  await expect(page.getByTestId('key-feedback')).toHaveAttribute('data-feedback', 'savedUnverified');
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-verification', 'unverified');
  await expect(page.getByTestId('key-unverified')).toBeVisible();
  expect(await lagoon.keychainValue()).toBe(E2E_API_KEY);
  await lagoon.screenshot('settings-key-unverified');

  const back = await startFakeVenice({ apiKey: E2E_API_KEY, port });
  try {
    await generate(page, 'back online: a heron on a post');
    await expect(page.getByTestId('account-status')).toHaveAttribute('data-verification', 'verified', { timeout: 30_000 });
    await expect(page.getByTestId('key-unverified')).toHaveCount(0);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('key-status')).toHaveAttribute('data-verification', 'verified');
  } finally {
    await page.goto('about:blank');
    await back.close();
  }
});

test('spend: asks above the limit, counts a possibly-charged failure apart; deleting forever lowers nothing and the queue says the image is gone', async ({ lagoon }) => {
  const { page } = lagoon;
  await saveKey(page, E2E_API_KEY);
  await page.getByTestId('spend-limit-input').fill('0.005');
  await page.getByTestId('spend-limit-save').click();
  await expect(page.getByTestId('spend-limit-saved')).toBeVisible();

  await generate(page, 'a quiet harbour at dusk');
  await expect(page.getByTestId('spend-confirm')).toContainText('$0.01');
  await expect(page.getByTestId('spend-confirm-no')).toBeFocused();
  await lagoon.screenshot('generate-spend-confirm');
  await page.getByTestId('spend-confirm-no').click();
  await expect(page.getByTestId('spend-confirm')).toHaveCount(0);
  expect(posts(lagoon)).toBe(0);

  await page.getByTestId('generate-button').click();
  await page.getByTestId('spend-confirm-yes').click();
  await expect(page.getByTestId('spend-today')).toHaveAttribute('data-charged', '0.01');
  await generate(page, '[fail:500] a storm over the harbour');
  await page.getByTestId('spend-confirm-yes').click();
  await expect(page.getByTestId('spend-today-possibly')).toContainText('$0.01');
  expect(posts(lagoon)).toBe(2);
  // The failure shows where its image would have been, in place of the previous image.
  await expect(page.getByTestId('generate-error')).toContainText('may have been charged');
  await expect(page.getByTestId('generate-result')).toHaveCount(0);
  await expect(page.getByTestId('spend-all-time')).toHaveAttribute('data-charged', '0.01');
  await lagoon.screenshot('account-spend-ledger');

  // Delete forever: the figures stay.
  await page.getByTestId('nav-library').click();
  await page.getByTestId('grid-item').first().click();
  await page.keyboard.press('Delete');
  await page.getByTestId('lib-nav-trash').click();
  await page.getByTestId('trash-empty').click();
  await page.getByTestId('trash-empty-confirm').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(0);
  await expect(page.getByTestId('spend-today')).toHaveAttribute('data-charged', '0.01');
  await expect(page.getByTestId('spend-today')).toHaveAttribute('data-possibly', '0.01');

  // The queue and the result area say the image was deleted instead of loading a file that is gone.
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('generate-error').getByRole('button', { name: 'Dismiss' }).click();
  const done = page.getByTestId('queue-item').filter({ hasText: 'a quiet harbour at dusk' });
  await expect(done.getByTestId('queue-deleted')).toHaveText('The image was deleted from the library.');
  await expect(done.getByTestId('queue-thumb')).toHaveCount(0);
  await expect(done.getByTestId('queue-output')).toContainText('PNG');
  await expect(page.getByTestId('generate-result-deleted')).toBeVisible();
  await expect(page.getByTestId('queue-cancel-all')).toHaveCount(0);
  await lagoon.screenshot('queue-image-deleted');
  await page.getByTestId('queue-clear-finished').click();
  await expect(page.getByTestId('queue-empty')).toBeVisible();
  await expect(page.getByTestId('spend-today')).toHaveAttribute('data-charged', '0.01');
});

test('variants: the viewer says "variant 2 of 2", and reuse offers this image (when it can be made alone) or the batch', async ({ lagoon }) => {
  const { page } = lagoon;
  await saveKey(page, E2E_API_KEY);
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('mode-advanced').click();
  await page.getByTestId('model-select').selectOption('venice-sd35');
  await page.getByTestId('prompt-input').fill('Two herons on a misty lagoon');
  await page.getByTestId('variants-select').selectOption('2');
  await page.getByTestId('seed-lock').check();
  await page.getByTestId('seed-input').fill('4242');
  await page.getByTestId('generate-button').click();
  await expect(page.locator('[data-testid="queue-item"][data-status="done"]')).toHaveCount(1);

  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  // Newest first: the second variant is stored last.
  await page.getByTestId('grid-item').first().dblclick();
  await expect(page.getByTestId('viewer-variant')).toContainText('2 of 2');
  await expect(page.getByTestId('viewer-variant')).toHaveAttribute('data-reproducible', 'false');
  await expect(page.getByTestId('viewer-reuse-image')).toBeDisabled();
  await expect(page.getByTestId('viewer-reuse')).toHaveText('Reuse the whole batch (2)');
  await lagoon.screenshot('viewer-variant-2-of-2');
  await page.getByTestId('viewer-close').click();
  await page.getByTestId('grid-item').nth(1).dblclick();
  await expect(page.getByTestId('viewer-variant')).toContainText('1 of 2');
  await page.getByTestId('viewer-reuse-image').click();
  await expect(page.getByTestId('variants-select')).toHaveValue('1');
  await expect(page.getByTestId('seed-input')).toHaveValue('4242');
});

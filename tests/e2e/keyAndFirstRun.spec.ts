import { E2E_API_KEY, expect, test } from './fixtures.ts';

test('first run without a key: Generate explains what to do instead of failing', async ({ lagoon }) => {
  const { page } = lagoon;
  await page.getByTestId('nav-generate').click();
  await expect(page.getByTestId('no-key-notice')).toBeVisible();
  await expect(page.getByTestId('generate-button')).toHaveCount(0);
  await lagoon.screenshot('first-run-no-key');
  await page.getByTestId('no-key-notice').getByRole('button').click();
  await expect(page.getByTestId('key-input')).toBeVisible();
  expect(lagoon.fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
});

test('set key: it lands in the real keychain and the UI shows it only masked', async ({ lagoon }) => {
  const { page } = lagoon;
  await page.getByTestId('nav-settings').click();
  const input = page.getByTestId('key-input');
  await expect(input).toHaveAttribute('type', 'password');
  await expect(input).toHaveAttribute('autocomplete', 'off');
  await input.fill(`  ${E2E_API_KEY}  `);
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-status')).toContainText(E2E_API_KEY.slice(-4));
  await expect(input).toHaveValue('');
  expect(await lagoon.keychainValue()).toBe(E2E_API_KEY); // trimmed before it was stored
  expect(await page.content()).not.toContain(E2E_API_KEY);
  await lagoon.screenshot('settings-key-stored');

  // The stored key survives a restart and is still never echoed.
  await lagoon.restart();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('key-status')).toContainText(E2E_API_KEY.slice(-4));
  expect(await page.content()).not.toContain(E2E_API_KEY);

  // Remove asks first; cancelling keeps the key.
  await page.getByTestId('key-remove').click();
  await page.getByTestId('key-remove-cancel').click();
  expect(await lagoon.keychainValue()).toBe(E2E_API_KEY);
  await page.getByTestId('key-remove').click();
  await lagoon.screenshot('settings-key-remove-confirm');
  await page.getByTestId('key-remove-confirm').click();
  await expect(page.getByTestId('key-status')).not.toContainText(E2E_API_KEY.slice(-4));
  expect(await lagoon.keychainValue()).toBeNull();
});

test('a malformed key is refused with a clear message and nothing is stored', async ({ lagoon }) => {
  const { page } = lagoon;
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('key-input').fill('has white space in it');
  await page.getByTestId('key-save').click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await lagoon.keychainValue()).toBeNull();
});

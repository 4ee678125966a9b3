import { E2E_API_KEY, expect, test } from './fixtures.ts';

test('the Generate form remembers model, size, format, mode and advanced values when the window starts again', async ({ lagoon }) => {
  const { page } = lagoon;
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('key-input').fill(E2E_API_KEY);
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-verification', 'verified');
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('size-select').selectOption('512x512');
  await page.getByTestId('format-select').selectOption('webp');
  await page.getByTestId('mode-advanced').click();
  await page.getByTestId('model-select').selectOption('venice-sd35');
  await page.getByTestId('variants-select').selectOption('3');
  await page.getByTestId('steps-input').fill('20');
  await page.getByTestId('prompt-input').fill('not kept: prompts live in the history');

  await page.reload();
  await page.getByTestId('nav-generate').click();
  await expect(page.getByTestId('advanced-panel')).toBeVisible();
  await expect(page.getByTestId('model-select')).toHaveValue('venice-sd35');
  await expect(page.getByTestId('variants-select')).toHaveValue('3');
  await expect(page.getByTestId('steps-input')).toHaveValue('20');
  await expect(page.getByTestId('prompt-input')).toHaveValue('');
  await page.getByTestId('mode-simple').click();
  await expect(page.getByTestId('size-select')).toHaveValue('512x512');
  await expect(page.getByTestId('format-select')).toHaveValue('webp');
});

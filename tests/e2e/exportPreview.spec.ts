import { readdir } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';
import { seedLibrary } from './seed.ts';

/**
 * The export dialog's preview is the name the export writes, for a prompt with emoji and a custom template (the
 * preview used to drop the emoji: "castle.png" shown, "castle-🐉-✨.png" written).
 */
test('the export preview shows the file name the export writes', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['castle 🐉 on a hill ✨, 東京 at night']);
  await page.getByTestId('grid-item').first().click();
  await page.getByTestId('bulk-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();

  for (const template of ['{prompt}', '{model} – {prompt} {w}x{h}']) {
    await page.getByTestId('export-template').fill(template);
    const preview = page.getByTestId('export-preview');
    await expect(preview).toContainText('🐉');
    const shown = (await preview.textContent()) ?? '';
    await lagoon.screenshot(`export-preview-${template === '{prompt}' ? 'prompt' : 'custom'}`);

    const before = new Set(await readdir(lagoon.exportDir));
    await page.getByTestId('export-confirm').click();
    await expect.poll(async () => (await readdir(lagoon.exportDir)).filter((name) => !before.has(name))).toEqual([shown]);

    await page.getByTestId('bulk-export').click();
    await expect(page.getByTestId('export-dialog')).toBeVisible();
  }
});

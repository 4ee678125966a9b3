import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures.ts';

test('an imported file without metadata shows its file name as such, and says why its settings cannot be reused', async ({ lagoon }) => {
  const { page } = lagoon;
  const folder = join(lagoon.exportDir, 'plain');
  await mkdir(folder);
  const file = join(folder, 'holiday-beach.png');
  await writeFile(file, await sharp({ create: { width: 96, height: 64, channels: 3, background: '#3a8' } }).png().toBuffer());
  await lagoon.setDialogs({ importPaths: [file] });
  await page.getByTestId('nav-library').click();
  await page.getByTestId('import-files-button').click();
  await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-done', '1');
  await page.getByTestId('grid-item').first().dblclick();
  await expect(page.getByTestId('viewer-prompt')).toHaveText('holiday-beach');
  await expect(page.getByTestId('viewer-prompt-heading')).toHaveText('File name');
  await expect(page.getByTestId('viewer-reuse')).toBeDisabled();
  await expect(page.getByTestId('viewer-reuse-why')).toContainText('cannot be reused');
  await lagoon.screenshot('viewer-imported-file-name');
});

import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeScanFolder } from '../unit/fixtures/scanFolder.ts';
import { expect, test } from './fixtures.ts';

/** Enough 1024² pictures (about 3 MB each) that the import is still running when Cancel is pressed. */
const FILES = 150;

test('a folder import shows its count, rate and time left, and Cancel keeps what was imported', async ({ lagoon }) => {
  // Writing the pictures and importing them takes a while on a busy machine.
  test.setTimeout(300_000);
  const { page } = lagoon;
  const folder = join(lagoon.exportDir, 'scans');
  await writeScanFolder(folder, FILES, 1024);
  await lagoon.setDialogs({ importPaths: [folder] });
  await page.getByTestId('nav-library').click();
  await page.getByTestId('import-folder-button').click();

  const progress = page.getByTestId('transfer-progress');
  await expect(progress).toHaveAttribute('data-total', String(FILES));
  await expect(page.getByTestId('transfer-rate')).toContainText(/images a second, about .+ left/u);
  // On a fast machine the rest of the import takes a second or two: the app is frozen while the test reads the
  // progress and presses Cancel, so Cancel lands on a running import whatever the machine's speed.
  lagoon.app.pause();
  let doneBeforeCancel: number;
  try {
    doneBeforeCancel = Number(await progress.getAttribute('data-done'));
    await lagoon.screenshot('import-progress-rate');
    await page.getByTestId('transfer-cancel').click();
    // Frozen longer than a file's 2 s time budget, as a stopped or swapping machine would be: the files in flight
    // must still come in (the budget counts only time the app ran).
    await sleep(2500);
  } finally {
    lagoon.app.resume();
  }
  expect(doneBeforeCancel).toBeGreaterThan(0);
  expect(doneBeforeCancel).toBeLessThan(FILES);

  const result = page.getByTestId('transfer-result');
  await expect(result).toHaveAttribute('data-cancelled', 'true');
  const count = async (name: string): Promise<number> => Number(await result.getAttribute(`data-${name}`));
  const [done, skipped, failed, notStarted] = [await count('done'), await count('skipped'), await count('failed'), await count('not-started')];
  // Every file is told: imported or not started. None of these good files is skipped or failed, not even the ones in
  // flight while the app was frozen (a file's time budget counts only time the app ran).
  expect({ skipped, failed }).toEqual({ skipped: 0, failed: 0 });
  expect(done).toBeGreaterThanOrEqual(doneBeforeCancel);
  expect(notStarted).toBeGreaterThan(0);
  expect(done + notStarted).toBe(FILES);
  await expect(page.getByTestId('transfer-cancelled')).toContainText(`${notStarted} files were not imported`);
  // Everything imported stays: the library counts it.
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(done));
  await lagoon.screenshot('import-cancelled');
});

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { seedLibrary } from './seed.ts';

test('Settings lists the backups and restores one; the image made after it comes back from its file', async ({ lagoon }) => {
  // Three generations, a backup and a restart of the app: longer than one page's default budget on a busy machine.
  test.setTimeout(150_000);
  const { page } = lagoon;
  await seedLibrary(page, ['A lighthouse at dawn', 'Two herons']);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-result')).toBeVisible();
  // Newest first: the one just taken (the app also took its daily one, of the empty library, at start).
  const item = page.getByTestId('backup-item').first();
  await expect(item).toHaveAttribute('data-ok', 'true');
  await expect(item).toContainText('2 images');

  // One more image after the backup, then the backup restored.
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('prompt-input').fill('Made after the backup');
  await page.getByTestId('generate-button').click();
  await expect(page.locator('[data-testid="queue-item"][data-status="done"]')).toHaveCount(3);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('backup-restore').first().click();
  await lagoon.screenshot('settings-backup-restore-confirm');
  await page.getByTestId('backup-restore-confirm').click();
  // The harness cannot relaunch itself as the app does: the restore waits for the next start.
  await expect(page.getByTestId('backup-restore-done')).toContainText('next time Lagoon starts');

  await lagoon.restart();
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(3);
  // The image made after the backup, found by the name it was recovered under.
  await page.getByTestId('search-input').fill('Recovered');
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await lagoon.screenshot('library-after-restore');
  expect(await readdir(join(lagoon.dataDir, 'damaged'))).toHaveLength(1);
});

test('the backups are listed when Settings is opened, not while it waits hidden at launch', async ({ lagoon }) => {
  const { page } = lagoon;
  const routes: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type?: string; route?: string };
      if (frame.type === 'request' && frame.route) routes.push(frame.route);
    }),
  );
  await page.reload();
  await expect(page.getByTestId('view-generate')).toBeVisible();
  // The launch's own requests are made by now (the account's status is among the last).
  await expect.poll(() => routes.includes('account.get_status')).toBe(true);
  expect(routes).not.toContain('library.list_backups');
  await page.getByTestId('nav-settings').click();
  await expect.poll(() => routes.filter((r) => r === 'library.list_backups').length).toBe(1);
});

import { expect, test } from './fixtures.ts';

// The harness, like a checkout started with LAGOON_API_BASE_URL, talks to the fake Venice, not Venice itself: the
// key would go there, so Settings says where. (The installed app takes such a URL only from --lagoon-dev-base-url.)
test('Settings shows a base URL that is not Venice’s own, in English and German', async ({ lagoon }) => {
  const { page } = lagoon;
  await page.getByTestId('nav-settings').click();
  const notice = page.getByTestId('connection-notice');
  await expect(notice).toBeVisible();
  await expect(page.getByTestId('connection-url')).toHaveText(lagoon.fake.url);
  await expect(notice).toContainText('not to Venice');
  await lagoon.screenshot('settings-connection-override');

  await page.getByTestId('language-select').selectOption('de');
  await expect(notice).toContainText('nicht an den von Venice');
  await lagoon.screenshot('settings-connection-override-de');
});

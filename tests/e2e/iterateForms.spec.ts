import type { Page } from '@playwright/test';
import sharp from 'sharp';
import type { RouteOutput } from '../../src/shared/ipc/contract.ts';
import { expect, type Lagoon, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

type Lineage = RouteOutput<'images.lineage'>;

/** What main records of an image's family, read through the same API the page uses. */
const lineageOf = (page: Page, id: string): Promise<Lineage> =>
  page.evaluate(async (imageId) => {
    const api = (window as unknown as { api: { request: (route: string, input: unknown) => Promise<{ ok: boolean; data: Lineage }> } }).api;
    const answer = await api.request('images.lineage', { id: imageId });
    if (!answer.ok) throw new Error('images.lineage failed');
    return answer.data;
  }, id);

/** Several generations, edits and a 4096-pixel upscale on a shared machine: more than the default minute. */
const LONG = 180_000;

const POSTS = ['/image/edit', '/image/multi-edit', '/image/upscale', '/image/background-remove'];
const iteratePosts = (lagoon: Lagoon) => lagoon.fake.requests.filter((r) => r.method === 'POST' && POSTS.some((p) => r.path.endsWith(p)));

const gridTile = (page: Page, id: string) => page.locator(`[data-testid="grid-item"][data-image-id="${id}"]`);
const viewerId = async (page: Page): Promise<string> => (await page.getByTestId('viewer').getAttribute('data-image-id')) ?? '';
const inputIds = (page: Page) => page.getByTestId('iterate-input').evaluateAll((items) => items.map((el) => el.getAttribute('data-image-id') ?? ''));

test('generate → edit → upscale 4× → remove background, each from the viewer, and the family links both ways', async ({ lagoon }) => {
  test.setTimeout(LONG);
  const { page } = lagoon;
  await seedLibrary(page, ['A heron on a jetty']);
  await tile(page, 'heron').dblclick();
  const original = await viewerId(page);

  // Edit: the viewer gives way to the panel, the caret is in the prompt, the price shows before anything is sent.
  await page.getByTestId('action-edit').click();
  await expect(page.getByTestId('viewer')).toHaveCount(0);
  const panel = page.getByTestId('iterate-panel');
  await expect(panel).toHaveAttribute('data-mode', 'edit');
  await expect(page.getByTestId('iterate-prompt')).toBeFocused();
  await expect(page.getByTestId('iterate-gap')).toHaveAttribute('data-gap', 'noPrompt');
  // Typing "1" and "f" goes into the prompt: no rating, no favourite.
  await page.keyboard.type('give the heron 1 red scarf, f');
  await page.getByTestId('iterate-enhance').check();
  await expect(page.getByTestId('iterate-price')).toContainText('$0.04');
  await expect(page.getByTestId('iterate-model')).not.toHaveValue('');
  expect(iteratePosts(lagoon)).toHaveLength(0);
  await lagoon.screenshot('iterate-form-edit');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('iterate-queued')).toContainText('$0.04');
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  const edited = (await lineageOf(page, original)).children[0] ?? '';
  expect(iteratePosts(lagoon).map((r) => r.path.split('/').at(-1))).toEqual(['edit']);

  // Upscale with options, from the edited image's viewer: 4× picked by keyboard, the result size known first.
  await gridTile(page, edited).dblclick();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', edited);
  // Venice's rewrite of the prompt sits under the one typed.
  await expect(page.getByTestId('viewer-prompt')).toContainText('give the heron 1 red scarf, f');
  await expect(page.getByTestId('viewer-enhanced-prompt')).not.toBeEmpty();
  await page.getByTestId('action-upscale-options').click();
  await expect(page.getByTestId('iterate-scale-2')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('iterate-scale-4')).toBeChecked();
  await expect(page.getByTestId('iterate-price')).toContainText('$0.08');
  await expect(page.getByTestId('iterate-result-size')).toHaveAttribute('data-width', '4096');
  await lagoon.screenshot('iterate-form-upscale');
  await page.getByTestId('iterate-send').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(3, { timeout: 30_000 });
  const upscaled = (await lineageOf(page, edited)).children[0] ?? '';

  // Remove the background of the upscale: its viewer is reached through the edited image's versions.
  await page.getByTestId('iterate-close').click();
  await expect(page.getByTestId('iterate-panel')).toHaveCount(0);
  await gridTile(page, edited).dblclick();
  await page.locator(`[data-testid="lineage-child"][data-image-id="${upscaled}"]`).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', upscaled);
  await page.getByTestId('action-remove-background').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(4, { timeout: 30_000 });
  const cutOut = (await lineageOf(page, upscaled)).children[0] ?? '';

  // The family, recorded: each image names the one before it, with its operation.
  const chain = await Promise.all([edited, upscaled, cutOut].map((id) => lineageOf(page, id)));
  expect(chain.map((l) => l.operation)).toEqual(['edit', 'upscale', 'remove-background']);
  expect(chain.map((l) => l.parents.map((p) => p.id))).toEqual([[original], [edited], [upscaled]]);
  // And walked in the viewer: down to the cut-out, back up to the original.
  await page.locator(`[data-testid="lineage-child"][data-image-id="${cutOut}"]`).click();
  for (const id of [upscaled, edited, original]) {
    await page.getByTestId('lineage-parent').first().click();
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-image-id', id);
  }
  expect(iteratePosts(lagoon)).toHaveLength(3);
});

test('combine three images from the selection in a chosen order, reordered by keyboard and by mouse', async ({ lagoon }) => {
  test.setTimeout(LONG);
  const { page } = lagoon;
  await seedLibrary(page, ['A lighthouse at dawn', 'A red fox in snow', 'A paper boat']);
  await tile(page, 'lighthouse').click();
  await tile(page, 'red fox').click({ modifiers: ['ControlOrMeta'] });
  await tile(page, 'paper boat').click({ modifiers: ['ControlOrMeta'] });
  await page.getByTestId('bulk-combine').click();
  await expect(page.getByTestId('iterate-panel')).toHaveAttribute('data-mode', 'combine');
  await expect(page.getByTestId('iterate-input')).toHaveCount(3);
  const [a, b, c] = await inputIds(page);

  // Keyboard: the third moves to the front and keeps the focus while it goes.
  await page.getByTestId('iterate-input').nth(2).getByTestId('iterate-input-earlier').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  expect(await inputIds(page)).toEqual([c, a, b]);
  await expect(page.getByTestId('iterate-input').first()).toContainText('Base');
  // Mouse: the last dragged onto the second place.
  await page.getByTestId('iterate-input').nth(2).dragTo(page.getByTestId('iterate-input').nth(1));
  expect(await inputIds(page)).toEqual([c, b, a]);

  await page.getByTestId('iterate-prompt').fill('the fox and the boat under the lighthouse');
  await expect(page.getByTestId('iterate-price')).toHaveAttribute('data-price', /\d/);
  await lagoon.screenshot('iterate-form-combine');
  await page.getByTestId('iterate-send').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(4, { timeout: 30_000 });
  const combined = (await lineageOf(page, c ?? '')).children[0] ?? '';
  const family = await lineageOf(page, combined);
  expect(family.operation).toBe('combine');
  expect(family.parents.map((p) => [p.id, p.role])).toEqual([
    [c, 'base'],
    [b, 'layer'],
    [a, 'layer'],
  ]);
  expect(iteratePosts(lagoon).map((r) => r.path.split('/').at(-1))).toEqual(['multi-edit']);

  // Reuse settings on the combination refills the combine form with the same inputs in the same order.
  await page.getByTestId('iterate-close').click();
  await gridTile(page, combined).dblclick();
  await page.getByTestId('viewer-reuse').click();
  await expect(page.getByTestId('iterate-panel')).toHaveAttribute('data-mode', 'combine');
  await expect(page.getByTestId('iterate-prompt')).toHaveValue('the fox and the boat under the lighthouse');
  await expect.poll(() => inputIds(page)).toEqual([c, b, a]);
});

test('inputs from a file, a paste and a dragged tile; one outside Venice’s bounds is refused and nothing is sent', async ({ lagoon }) => {
  test.setTimeout(LONG);
  const { page } = lagoon;
  await seedLibrary(page, ['A lighthouse at dawn', 'A red fox in snow']);
  await tile(page, 'lighthouse').dblclick();
  await page.getByTestId('action-edit').click();
  await page.keyboard.type('add a gull');
  await expect(page.getByTestId('iterate-price')).toBeVisible();

  // A 200×200 picture, pasted: it joins the library, then main refuses it before anything could be sent.
  const tiny = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#3a6' } }).png().toBuffer();
  await page.getByTestId('iterate-prompt').evaluate((el, base64) => {
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'tiny.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, tiny.toString('base64'));
  await expect(page.getByTestId('iterate-refused')).toHaveAttribute('data-problem', 'too_small');
  await expect(page.getByTestId('iterate-refused')).toContainText('200 × 200');
  await expect(page.getByTestId('iterate-send')).toBeDisabled();
  await page.keyboard.press('ControlOrMeta+Enter');
  await lagoon.screenshot('iterate-form-refused');
  expect(iteratePosts(lagoon)).toHaveLength(0);

  // Venice's edit models as the catalogue has them: an offline one cannot be chosen, a deprecated one names its successor.
  await expect(page.locator('#iterate-model option', { hasText: 'offline' })).toBeDisabled();
  await page.getByTestId('iterate-model').selectOption('qwen-edit');
  await expect(page.getByTestId('iterate-model-deprecated')).toBeVisible();
  await page.getByTestId('iterate-model-replacement').click();
  await expect(page.getByTestId('iterate-model')).not.toHaveValue('qwen-edit');

  // A file from the picker takes its place and is fine.
  const good = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#d84' } }).jpeg().toBuffer();
  await page.getByTestId('iterate-file-input').setInputFiles({ name: 'sunset.jpg', mimeType: 'image/jpeg', buffer: good });
  await expect(page.getByTestId('iterate-price')).toContainText('$0.04');
  const fromFile = (await inputIds(page))[0] ?? '';

  // A file dropped onto the form joins the library once (the window's own drop import leaves it alone) and is used.
  const before = await page.getByTestId('grid-item').count();
  const dropped = await sharp({ create: { width: 512, height: 384, channels: 3, background: '#92c' } }).png().toBuffer();
  const data = await page.evaluateHandle((base64) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
    return transfer;
  }, dropped.toString('base64'));
  await page.getByTestId('iterate-drop').dispatchEvent('drop', { dataTransfer: data });
  await expect.poll(() => inputIds(page)).not.toEqual([fromFile]);
  await expect(page.getByTestId('grid-item')).toHaveCount(before + 1);
  await expect(page.getByTestId('transfer-result')).toHaveCount(0);

  // A large picture upscaled 4×: Venice would pass 16,777,216 pixels, so it makes less, and the form says so first.
  await page.getByTestId('iterate-mode-upscale').click();
  await page.getByTestId('iterate-scale-4').check();
  const large = await sharp({ create: { width: 2400, height: 2400, channels: 3, background: '#48c' } }).jpeg().toBuffer();
  await page.getByTestId('iterate-file-input').setInputFiles({ name: 'large.jpg', mimeType: 'image/jpeg', buffer: large });
  await expect(page.getByTestId('iterate-clamped')).toBeVisible();
  await expect(page.getByTestId('iterate-result-size')).toHaveAttribute('data-width', '4096');
  await page.getByTestId('iterate-mode-edit').click();

  // A grid tile dragged onto the form replaces it (an edit takes one image).
  const fox = tile(page, 'red fox');
  const foxId = (await fox.getAttribute('data-image-id')) ?? '';
  await fox.dragTo(page.getByTestId('iterate-drop'));
  await expect.poll(() => inputIds(page)).toEqual([foxId]);
  expect(foxId).not.toBe(fromFile);
  expect(iteratePosts(lagoon)).toHaveLength(0);
  // The same panel in a small window: it lies over the grid, the price and Send stay in sight.
  await page.setViewportSize({ width: 800, height: 560 });
  await expect(page.getByTestId('iterate-send')).toBeInViewport();
  await lagoon.screenshot('iterate-form-edit-800');
});

test.describe('German, narrow window', () => {
  test.use({ locale: 'de-DE', viewport: { width: 800, height: 560 } });

  test('the combine form reads in German and fits a small window', async ({ lagoon }) => {
    test.setTimeout(LONG);
    const { page } = lagoon;
    await seedLibrary(page, ['Ein Leuchtturm', 'Ein Fuchs']);
    await page.getByTestId('grid-item').first().click();
    await page.getByTestId('grid-item').nth(1).click({ modifiers: ['ControlOrMeta'] });
    await page.getByTestId('bulk-combine').click();
    await expect(page.getByTestId('iterate-panel')).toContainText('Bilder verändern');
    await expect(page.getByTestId('iterate-input').first()).toContainText('Basis');
    await expect(page.getByTestId('iterate-prompt')).toBeFocused();
    await page.keyboard.type('beide in einer Szene');
    await expect(page.getByTestId('iterate-price')).toContainText('pro Kombination');
    await lagoon.screenshot('iterate-form-combine-de-800');
    await page.getByTestId('iterate-mode-upscale').click();
    await expect(page.getByTestId('iterate-result-size')).toContainText('Ergebnis');
    await lagoon.screenshot('iterate-form-upscale-de-800');

    // Above the spending limit the panel asks first, as Generate does; "no" sends nothing.
    await page.evaluate(async () => {
      const api = (window as unknown as { api: { request: (route: string, input: unknown) => Promise<{ ok: boolean }> } }).api;
      if (!(await api.request('settings.set_spend_limit', { spendLimitUsd: 0 })).ok) throw new Error('settings.set_spend_limit failed');
    });
    await page.getByTestId('iterate-send').click();
    await expect(page.getByTestId('spend-confirm-yes')).toHaveText('Für 0,02 $ hochskalieren');
    await expect(page.getByTestId('spend-confirm-no')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('spend-confirm')).toHaveCount(0);
    expect(iteratePosts(lagoon)).toHaveLength(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await lagoon.screenshot('iterate-form-upscale-de-1280');
  });
});

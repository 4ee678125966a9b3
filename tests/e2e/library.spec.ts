import { randomUUID } from 'node:crypto';
import { access, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngText from 'png-chunk-text';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { E2E_API_KEY, expect, test } from './fixtures.ts';
import { seedLibrary, tile } from './seed.ts';

/** A real PNG carrying text chunks the way A1111 (`parameters`) and ComfyUI (`prompt`, `workflow`) write them. */
const withText = async (seed: number, texts: Record<string, string>) => {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: seed * 40, g: 90, b: 160 } } }).png().toBuffer();
  const chunks = extractChunks(new Uint8Array(png));
  const extra = Object.entries(texts).map(([k, v]) => pngText.encode(k, v));
  return Buffer.from(encodeChunks([...chunks.slice(0, -1), ...extra, chunks.at(-1)!]));
};

test('search as you type with highlights, rating keys, filters and sort', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page);

  await page.getByTestId('search-input').pressSequentially('ligh');
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  // The whole matched word is marked, as a prefix search found it.
  await expect(page.getByTestId('grid-item-prompt').locator('mark').first()).toHaveText(/^lighthouse$/i);
  await lagoon.screenshot('library-search-highlight');
  await page.getByTestId('search-input').fill('');
  await expect(page.getByTestId('grid-item')).toHaveCount(3);

  // Culling from the keyboard: select a tile, press 4, F.
  await tile(page, 'red fox').click();
  await page.keyboard.press('4');
  await page.keyboard.press('f');
  await page.getByTestId('filter-toggle').click();
  await page.getByTestId('filter-rating').selectOption('4');
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await expect(tile(page, 'red fox')).toHaveCount(1);
  await page.getByTestId('filter-rating').selectOption('0');
  await page.getByTestId('filter-favorites').check();
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await page.getByTestId('filter-favorites').uncheck();
  await expect(page.getByTestId('grid-item')).toHaveCount(3);
  await page.getByTestId('sort-select').selectOption('rating');
  await expect(page.getByTestId('grid-item').first()).toHaveAttribute('aria-label', /red fox/);
});

test('trash and restore, and compare two images side by side', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page);
  await tile(page, 'keeper').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  await page.getByTestId('lib-nav-trash').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await lagoon.screenshot('library-trash');
  await page.getByTestId('grid-item').first().click();
  await page.getByTestId('bulk-restore').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(0);
  await page.getByTestId('lib-nav-all').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(3);

  await tile(page, 'red fox').click();
  await tile(page, 'at dawn').click({ modifiers: ['ControlOrMeta'] });
  await page.getByTestId('bulk-compare').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  for (const side of ['compare-left', 'compare-right']) {
    await page.waitForFunction((s) => {
      const img = document.querySelector<HTMLImageElement>(`[data-testid="${s}"] img`);
      return !!img && img.complete && img.naturalWidth > 0;
    }, side);
  }
  await lagoon.screenshot('library-compare');
});

test('delete forever: the chosen images in the trash are gone for good, files and all; the rest stay', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page);
  const imageFiles = async () => (await readdir(join(lagoon.dataDir, 'images'), { recursive: true })).filter((name) => /\.(png|jpe?g|webp)$/u.test(name));
  expect(await imageFiles()).toHaveLength(3);
  await tile(page, 'keeper').click();
  await tile(page, 'red fox').click({ modifiers: ['ControlOrMeta'] });
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await page.getByTestId('lib-nav-trash').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(2);

  await tile(page, 'keeper').click();
  await page.getByTestId('bulk-delete-forever').click();
  await expect(page.getByRole('group').filter({ hasText: 'Delete this image for good?' })).toBeVisible();
  await lagoon.screenshot('library-delete-forever');
  await page.getByTestId('bulk-delete-forever-confirm').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
  await expect(tile(page, 'red fox')).toHaveCount(1);
  await expect.poll(imageFiles).toHaveLength(2);
  await page.getByTestId('lib-nav-all').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(1);
});

/** The running app's launch check, as main reports it ('checking' until the sweep is done). */
const launchCheck = (page: Page): Promise<string> =>
  page.evaluate(async () => {
    const api = (window as unknown as { api: { request: (route: string, input: unknown) => Promise<{ ok: boolean; data: { state: string } }> } }).api;
    const answer = await api.request('library.health', {});
    if (!answer.ok) throw new Error('library.health failed');
    return answer.data.state;
  });

test('an image file with no record is moved to quarantine at start, and the user is told where', async ({ lagoon }) => {
  const { page } = lagoon;
  // The orphan is made once this run's own sweep is over: on a loaded machine a sweep still running would find it
  // and quarantine it, and the next start would have nothing to tell.
  await expect.poll(() => launchCheck(page), { timeout: 30_000 }).toBe('ok');
  const id = randomUUID();
  const shard = join(lagoon.dataDir, 'images', id.slice(0, 2));
  await mkdir(shard, { recursive: true });
  const orphan = join(shard, `${id}.png`);
  await writeFile(orphan, await withText(5, {}));
  // Older than the sweep's grace period (a younger file may be another process's ingest in flight).
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(orphan, hourAgo, hourAgo);

  await lagoon.restart();
  // The notice comes when the launch sweep is done: its quick_check runs on a worker that may start slowly when the
  // machine is busy.
  await expect(page.getByTestId('library-health')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await expect(page.getByTestId('library-health-quarantined')).toContainText('1 image file had no record in the library');
  await lagoon.screenshot('library-health-quarantined');
  await access(join(lagoon.dataDir, 'quarantine', `${id}.png`));
  await page.getByTestId('library-health-dismiss').click();
  await expect(page.getByTestId('library-health')).toHaveCount(0);
});

test('export keeps the prompt where other tools read it (PNG parameters chunk)', async ({ lagoon }) => {
  const { page } = lagoon;
  await seedLibrary(page, ['A lighthouse at dawn']);
  await page.getByTestId('grid-item').first().click();
  await page.getByTestId('bulk-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await lagoon.screenshot('library-export-dialog');
  await page.getByTestId('export-confirm').click();
  await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-done', '1');

  const files = (await readdir(lagoon.exportDir)).filter((f) => f.endsWith('.png'));
  expect(files).toHaveLength(1);
  const chunks = extractChunks(new Uint8Array(await readFile(join(lagoon.exportDir, files[0]!))));
  const texts = chunks.filter((c) => c.name === 'tEXt').map((c) => pngText.decode(c.data));
  const parameters = texts.find((t) => t.keyword === 'parameters');
  expect(parameters?.text).toMatch(/^A lighthouse at dawn\n/);
  expect(parameters?.text).not.toContain(E2E_API_KEY);
});

test('import a folder with A1111 and ComfyUI PNGs; their prompts become searchable', async ({ lagoon }) => {
  const { page } = lagoon;
  const folder = join(lagoon.exportDir, 'incoming');
  await mkdir(folder);
  await writeFile(join(folder, 'a1111.png'), await withText(1, { parameters: 'castle on a cliff, storm\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 64x48, Model: sdxl' }));
  const comfyPrompt = { '6': { class_type: 'CLIPTextEncode', inputs: { text: 'an origami crane on water', clip: ['4', 1] } }, '3': { class_type: 'KSampler', inputs: { seed: 7, positive: ['6', 0] } } };
  await writeFile(join(folder, 'comfy.png'), await withText(2, { prompt: JSON.stringify(comfyPrompt), workflow: JSON.stringify({ nodes: [] }) }));
  await writeFile(join(folder, 'notes.txt'), 'not an image');

  await lagoon.setDialogs({ importPaths: [folder] });
  await page.getByTestId('nav-library').click();
  await page.getByTestId('import-folder-button').click();
  await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-done', '2');
  expect(lagoon.app.calls.filter((c) => c.op === 'chooseImportSources').map((c) => 'pick' in c && c.pick)).toEqual(['folder']);
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
  await page.getByTestId('search-input').fill('origami');
  await expect(page.getByTestId('grid-item-prompt')).toHaveText(['an origami crane on water']);
  await page.getByTestId('search-input').fill('castle');
  await expect(page.getByTestId('grid-item-prompt')).toHaveText(['castle on a cliff, storm']);
  await expect(page.getByTestId('transfer-result')).toContainText('1 file that is not a PNG, JPEG or WebP image was ignored.');
  await lagoon.screenshot('library-imported');

  // The same images again, picked as files: everything is a duplicate, nothing is added.
  await lagoon.setDialogs({ importPaths: [join(folder, 'a1111.png'), join(folder, 'comfy.png')] });
  await page.getByTestId('import-files-button').click();
  await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-done', '0');
  await expect(page.getByTestId('transfer-result')).toContainText('2 already in the library (skipped).');
  await page.getByTestId('search-input').fill('');
  await expect(page.getByTestId('grid-item')).toHaveCount(2);
});

import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { tilesInViewWithoutThumbnail } from './gridInView.ts';
import { putManyImages } from './manyImages.ts';

/**
 * A library of 2,400 images, one every 7 hours over about two years: the date scrubber jumps to a month (drag and
 * keyboard), and a fast fling shows at least every cell's placeholder and every thumbnail once it stops.
 */
const COUNT = 2400;
const NEWEST = new Date(2026, 4, 20, 12).getTime();

type Api = { api: { request: (route: string, input: unknown) => Promise<{ ok: boolean; data: unknown }> } };

/** The tiles in view, in reading order, with their images' creation times (read through the API, not the UI). */
const visibleTiles = async (page: Page) =>
  page.evaluate(async () => {
    const grid = document.querySelector('[data-testid="grid"]')!.getBoundingClientRect();
    const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid="grid-item"]')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.bottom > grid.top + 4 && r.top < grid.bottom - 4)
      .toSorted((a, b) => a.r.top - b.r.top || a.r.left - b.r.left);
    const { api } = window as unknown as Api;
    const top = tiles[0]?.r.top ?? 0;
    return Promise.all(
      tiles.map(async ({ el, r }) => {
        const answer = await api.request('images.get', { id: el.dataset.imageId });
        return { id: el.dataset.imageId!, createdAt: (answer.data as { createdAt: number }).createdAt, firstRow: Math.abs(r.top - top) < 2 };
      }),
    );
  });

const monthOf = (ms: number) => {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
};

/** The grid lands on `month`: its first image (newest first) is in the top row, and no tile before it is older. */
const expectLandedOn = async (page: Page, month: number, firstOfMonth: number) => {
  await expect(async () => {
    const tiles = await visibleTiles(page);
    const at = tiles.findIndex((t) => t.createdAt === firstOfMonth);
    expect(at, 'the month\'s first image is in view').toBeGreaterThanOrEqual(0);
    expect(tiles[at]!.firstRow, 'in the top row').toBe(true);
    for (const t of tiles.slice(0, at)) expect(monthOf(t.createdAt)).toBeGreaterThan(month);
    for (const t of tiles.slice(at, at + 5)) expect(monthOf(t.createdAt)).toBe(month);
  }).toPass({ timeout: 15_000 });
};

// Seeding 2,400 images and restarting the app takes minutes on a loaded machine.
test.describe.configure({ timeout: 300_000 });

test.beforeEach(async ({ lagoon }) => {
  await putManyImages(lagoon.dataDir, COUNT, NEWEST, 7);
  await lagoon.restart();
  await lagoon.page.getByTestId('nav-library').click();
  await expect(lagoon.page.getByTestId('grid-item').first()).toBeVisible();
});

test('the date scrubber jumps to a month by drag and by keyboard', async ({ lagoon }) => {
  const { page } = lagoon;
  const scrubber = page.getByTestId('date-scrubber');
  await expect(scrubber).toBeVisible();
  const timeline = (await page.evaluate(async () => {
    const { api } = window as unknown as Api;
    return (await api.request('images.timeline', { query: {} })).data;
  })) as { buckets: Array<{ start: number; count: number }> };
  // The months, newest first, with where each starts in the grid.
  let position = 0;
  const months = timeline.buckets.map((b) => ({ ...b, position: (position += b.count) - b.count }));
  const target = months.find((m) => new Date(m.start).getFullYear() === 2025 && new Date(m.start).getMonth() === 2)!;
  expect(target, 'March 2025 is in the library').toBeDefined();
  // The newest image of March 2025: one every 7 hours back from NEWEST.
  const firstOfMonth = NEWEST - Math.ceil((NEWEST - new Date(2025, 3, 1).getTime()) / (7 * 3_600_000)) * 7 * 3_600_000;
  expect(monthOf(firstOfMonth)).toBe(target.start);

  const box = (await scrubber.boundingBox())!;
  const y = box.y + ((target.position + target.count / 2) / COUNT) * box.height;
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, y, { steps: 12 });
  await expect(page.getByTestId('scrubber-date')).toHaveText('March 2025');
  await expectLandedOn(page, target.start, firstOfMonth);
  await lagoon.screenshot('grid-scrubber-drag');
  await page.mouse.up();
  await expect(page.getByTestId('scrubber-date')).toHaveCount(0);
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'March 2025');
  await expectLandedOn(page, target.start, firstOfMonth);
  await lagoon.screenshot('grid-scrubber-landed');

  // The keyboard: one month further back (February 2025), then the newest month with Home.
  await scrubber.focus();
  await page.keyboard.press('ArrowDown');
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'February 2025');
  const february = months[months.indexOf(target) + 1]!;
  const firstOfFebruary = firstOfMonth - target.count * 7 * 3_600_000;
  expect(monthOf(firstOfFebruary)).toBe(february.start);
  await expectLandedOn(page, february.start, firstOfFebruary);
  await page.keyboard.press('Home');
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'May 2026');
  await expectLandedOn(page, monthOf(NEWEST), NEWEST);
});

test('a fling shows every cell\'s placeholder on the way and every thumbnail once it stops', async ({ lagoon }) => {
  const { page } = lagoon;
  // 6,000 px/s for 1.5 s, moved by the real time between frames; every frame counts the cells in view and those
  // painted with at least their placeholder. Cells of rows not loaded yet count as unpainted. On a loaded machine
  // the fling goes on (up to 4 s) until a frame has seen the grid flinging: one delivered 5 frames in 1.5 s, and the
  // grid, which needs 200 ms of scroll to judge a speed and a render to show it, had no frame left to be seen in.
  const fling = await page.evaluate(
    () =>
      new Promise<{ frames: number; cells: number; painted: number; withThumb: number; flungFrames: number }>((resolve) => {
        const grid = document.querySelector<HTMLElement>('[data-testid="grid"]')!;
        const box = grid.getBoundingClientRect();
        const result = { frames: 0, cells: 0, painted: 0, withThumb: 0, flungFrames: 0 };
        let start: number | null = null;
        let last: number | null = null;
        const step = (now: number) => {
          start ??= now;
          if (last !== null) {
            const cells = [...grid.querySelectorAll<HTMLElement>('.tile')].filter((el) => {
              const r = el.getBoundingClientRect();
              return r.bottom > box.top && r.top < box.bottom;
            });
            result.frames++;
            if (grid.dataset.flinging === 'true') result.flungFrames++;
            result.cells += cells.length;
            for (const el of cells) {
              const img = el.querySelector('img');
              const loaded = img !== null && img.complete && img.naturalWidth > 0;
              if (loaded) result.withThumb++;
              if (loaded || el.querySelector('[data-placeholder="yes"]')) result.painted++;
            }
          }
          if ((now - start >= 1500 && result.flungFrames > 0) || now - start >= 4000) return resolve(result);
          grid.scrollTop += last === null ? 0 : ((now - last) * 6000) / 1000;
          last = now;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );
  // How many frames a loaded machine delivers varies; every one counted must be fully painted.
  expect(fling.cells).toBeGreaterThan(0);
  expect(fling.painted / fling.cells, JSON.stringify(fling)).toBe(1);
  // The grid knew it was flung (its new tiles show only thumbnails already decoded, none fetched on the way), and knows
  // it stopped.
  expect(fling.flungFrames, JSON.stringify(fling)).toBeGreaterThan(0);
  await expect(page.getByTestId('grid')).toHaveAttribute('data-flinging', 'false');
  await lagoon.screenshot('grid-after-fling');
  // Once it stops, every cell in view gets its thumbnail.
  await expect(async () => {
    const missing = await tilesInViewWithoutThumbnail(page);
    expect(missing).toBe(0);
  }).toPass({ timeout: 10_000 });
});

test('a cell whose thumbnail has not come shows its placeholder: its colour at once, its blurred picture soon after', async ({ lagoon }) => {
  const { page } = lagoon;
  // Thumbnails from here on are held back: the cells further down show only what their rows carry.
  const held: Route[] = [];
  await page.route('**/media/thumb/**', (route) => void held.push(route));
  await page.getByTestId('grid').focus();
  await page.keyboard.press('End');
  const frames = () =>
    page.evaluate(() => {
      const grid = document.querySelector('[data-testid="grid"]')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('[data-testid="grid-item"]')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const img = el.querySelector('img');
          return r.bottom > grid.top && r.top < grid.bottom && !(img?.complete && img.naturalWidth > 0);
        })
        .map((el) => {
          const frame = el.querySelector<HTMLElement>('.tile__frame')!;
          return { marked: frame.dataset.placeholder, colour: frame.style.backgroundColor, picture: frame.style.backgroundImage };
        });
    });
  await expect(async () => {
    const cells = await frames();
    expect(cells.length).toBeGreaterThan(6);
    for (const cell of cells) {
      expect(cell.marked).toBe('yes');
      expect(cell.colour).toMatch(/^rgb/u);
      expect(cell.picture).toMatch(/^url\("data:image\/png;base64,/u);
    }
    // Each row's picture has its own hue: the colours come from the rows, not one grey for all.
    expect(new Set(cells.map((c) => c.colour)).size).toBeGreaterThan(1);
  }).toPass({ timeout: 10_000 });
  await lagoon.screenshot('grid-placeholders-without-thumbnails');
  await page.unroute('**/media/thumb/**');
  // Let the held ones through (those of tiles already gone were cancelled by the page).
  await Promise.all(held.map((route) => route.continue().catch(() => undefined)));
  await expect(async () => expect(await tilesInViewWithoutThumbnail(page)).toBe(0)).toPass({ timeout: 10_000 });
});

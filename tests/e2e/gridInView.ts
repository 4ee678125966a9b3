import type { Page } from '@playwright/test';

/** How many tiles in the grid's view do not show their decoded thumbnail yet (a placeholder counts as not shown). */
export const tilesInViewWithoutThumbnail = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const grid = document.querySelector<HTMLElement>('[data-testid="grid"]')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('[data-testid="grid-item"]')].filter((el) => {
      const r = el.getBoundingClientRect();
      const img = el.querySelector('img');
      return r.bottom > grid.top && r.top < grid.bottom && !(img && img.complete && img.naturalWidth > 0);
    }).length;
  });

import type { Page } from '@playwright/test';

/** What the grid probe (gridProbe.browser.js) notes about one navigation, on the page's clock. */
export interface ProbeState {
  navClickAt: number | null;
  gridItemsAt: number | null;
  /** When the grid's first row was painted with every thumbnail, by the browser's paint times. */
  firstRowAt: number | null;
  /** When the page's own script saw that row decoded: later, by a frame and any long task in between. */
  firstRowSeenAt: number | null;
  firstRowImages: number;
  /** When the prepaint's first row (main's HTML, before the app's script) was painted; null if it never was. */
  prepaintAt: number | null;
  /** When the page's own script saw the prepaint's first row decoded. */
  prepaintSeenAt: number | null;
  requests: Array<{ route: string; input?: string; sentAt: number; doneAt: number | null }>;
}

/** What the probe writes on the console once the first row is painted (gridProbe.browser.js). */
const FIRST_ROW_MESSAGE = 'lagoon-bench: first row painted';

/**
 * Runs `navigate` and resolves with the probe's state once it tells the first row of decoded thumbnails was painted.
 * It listens to the console rather than polling the page: polling would evaluate Playwright's own script in the page
 * in the middle of the navigation it measures.
 */
export const navigateToFirstRow = async (page: Page, navigate: () => Promise<unknown>, timeoutMs: number): Promise<ProbeState> => {
  const painted = page.waitForEvent('console', { predicate: (message) => message.text() === FIRST_ROW_MESSAGE, timeout: timeoutMs });
  await navigate();
  await painted;
  return page.evaluate(() => (globalThis as unknown as { lagoonBench: ProbeState }).lagoonBench);
};

/**
 * When the first row of thumbnails was painted, whichever painted it: the prepaint main's HTML paints before the
 * app's script runs, or the grid itself (which then takes over in place, with the same images).
 */
export const firstPaintedRowAt = (probe: ProbeState): number => Math.min(probe.prepaintAt ?? Number.POSITIVE_INFINITY, probe.firstRowAt!);

/** The probe's requests of main as `route {input} @sent +reply`: what stood between the click and the first page. */
export const requestLines = (probe: ProbeState): string[] =>
  probe.requests.map(
    (r) => `${r.route}${r.input ? ` ${r.input}` : ''} @${Math.round(r.sentAt)} ${r.doneAt === null ? 'pending' : `+${Math.round(r.doneAt - r.sentAt)}ms`}`,
  );

/**
 * The page's image loads so far, on its clock: how many, when the first was asked for, when the last arrived, the
 * slowest, and the median. Where a cold first row's time goes between "the grid has rows" and "their pixels painted".
 */
export const imageLoads = (page: Page): Promise<{ count: number; firstStartMs: number; lastEndMs: number; slowestMs: number; medianMs: number } | null> =>
  page.evaluate(() => {
    const loads = performance.getEntriesByType('resource').filter((e) => (e as unknown as { initiatorType: string }).initiatorType === 'img');
    if (!loads.length) return null;
    const durations = loads.map((e) => e.duration).toSorted((a, b) => a - b);
    return {
      count: loads.length,
      firstStartMs: Math.round(Math.min(...loads.map((e) => e.startTime))),
      lastEndMs: Math.round(Math.max(...loads.map((e) => e.startTime + e.duration))),
      slowestMs: Math.round(durations.at(-1)!),
      medianMs: Math.round(durations[Math.floor(durations.length / 2)]!),
    };
  });

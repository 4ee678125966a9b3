import { PREPAINT_ELEMENT_ID, PREPAINT_MAX_TILES } from '../../../../shared/app.ts';
import type { Prepaint } from '../../../../shared/ipc/schemas/settings.ts';
import { call } from '../../api.ts';
import type { GridLayout } from './gridLayout.ts';

const INPUTS = ['pointerdown', 'keydown', 'wheel'] as const;
/** Whatever keeps the grid from painting its first row (a hung request), the picture does not outstay this. */
const LONGEST_MS = 10_000;

/** Stops the watch for the user's first move (dismissPrepaintOnInput), once the picture has gone. */
let stopWatching: (() => void) | null = null;

/**
 * The prepaint is the Library's first tiles as main's HTML painted them, before this script ran (prepaint.ts
 * in core). It lies over the window, lets clicks through, and goes as soon as the grid has painted its own first row
 * there, or the user does anything, or the window shows something else.
 */
export const dismissPrepaint = (): void => {
  stopWatching?.();
  stopWatching = null;
  document.getElementById(PREPAINT_ELEMENT_ID)?.remove();
};

/** From the window's start: the first key, click or wheel, or LONGEST_MS, ends the prepaint. */
export const dismissPrepaintOnInput = (): void => {
  if (!document.getElementById(PREPAINT_ELEMENT_ID)) return;
  for (const type of INPUTS) window.addEventListener(type, dismissPrepaint, { capture: true, passive: true });
  const timer = setTimeout(dismissPrepaint, LONGEST_MS);
  stopWatching = () => {
    for (const type of INPUTS) window.removeEventListener(type, dismissPrepaint, true);
    clearTimeout(timer);
  };
};

/**
 * Once the grid's first row has loaded and decoded its thumbnails (from the memory cache: the prepaint fetched
 * the same URLs), the prepaint goes in the frame that shows them: the swap is not seen.
 */
export const handOffPrepaint = (grid: HTMLElement): void => {
  if (!document.getElementById(PREPAINT_ELEMENT_ID)) return;
  const row = grid.querySelector('.lib-grid__row');
  const thumbnails = row ? [...row.querySelectorAll('img')] : [];
  void Promise.allSettled(thumbnails.map((img) => img.decode())).then(() => requestAnimationFrame(dismissPrepaint));
};

/**
 * Where the grid's first tiles sit on screen now, for main to paint at the next start; null when the prepaint
 * would be more than the grid's first page (tiny tiles on a tall window) or the grid is not laid out.
 */
export const measurePrepaint = (scroller: HTMLElement, layout: Pick<GridLayout, 'columns' | 'tile' | 'pitch'>, gap: number): Prepaint | null => {
  const box = scroller.getBoundingClientRect();
  const style = getComputedStyle(scroller);
  const left = Math.round(box.left + scroller.clientLeft + (parseFloat(style.paddingLeft) || 0));
  const top = Math.round(box.top + scroller.clientTop + (parseFloat(style.paddingTop) || 0));
  const rows = Math.ceil((window.innerHeight - top) / layout.pitch);
  if (!Number.isFinite(left + top + rows) || layout.tile < 16 || rows < 1 || top < 0 || left < 0 || rows * layout.columns > PREPAINT_MAX_TILES) return null;
  return { viewport: { width: window.innerWidth, height: window.innerHeight }, left, top, columns: layout.columns, rows, tile: layout.tile, gap };
};

let lastSaved: string | undefined;

/** Tells main where the first tiles go (null: paint none), when that changed since it was last told. */
export const savePrepaint = (prepaint: Prepaint | null): void => {
  const json = JSON.stringify(prepaint);
  if (json === lastSaved) return;
  lastSaved = json;
  call('settings.set_prepaint', { prepaint }).catch(() => {
    lastSaved = undefined;
  });
};

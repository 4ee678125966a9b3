import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngText from 'png-chunk-text';
import { expect } from './fixtures.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Half a pixel: sub-pixel layout rounding, never a real overlap. */
const SLACK = 0.5;

/** How long an element may go without a box (a virtualized grid rendering its rows anew) before that is a failure. */
const BOX_WAIT_MS = 5000;

/**
 * The element's box once it is visible. A virtualized grid may render the element anew between "visible" and the
 * box being read (a row measured again after a scroll): then it is read again once visible again, within BOX_WAIT_MS.
 */
export const boxOf = async (locator: Locator): Promise<Box> => {
  const deadline = Date.now() + BOX_WAIT_MS;
  for (;;) {
    await expect(locator).toBeVisible();
    const box = await locator.boundingBox();
    if (box) return box;
    if (Date.now() > deadline) throw new Error(`no box for ${String(locator)}`);
  }
};

/** Each element is on screen, whole: inside the window, not cut by its edges. */
export const expectOnScreen = async (page: Page, ...locators: Locator[]) => {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  for (const locator of locators) {
    const b = await boxOf(locator);
    expect(b.x, `${String(locator)} left edge`).toBeGreaterThanOrEqual(-SLACK);
    expect(b.y, `${String(locator)} top edge`).toBeGreaterThanOrEqual(-SLACK);
    expect(b.x + b.width, `${String(locator)} right edge`).toBeLessThanOrEqual(width + SLACK);
    expect(b.y + b.height, `${String(locator)} bottom edge`).toBeLessThanOrEqual(height + SLACK);
  }
};

const overlap = (a: Box, b: Box) =>
  a.x + a.width > b.x + SLACK && b.x + b.width > a.x + SLACK && a.y + a.height > b.y + SLACK && b.y + b.height > a.y + SLACK;

/** No two of these elements cover each other. */
export const expectApart = async (...locators: Locator[]) => {
  const boxes = await Promise.all(locators.map(boxOf));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlap(boxes[i]!, boxes[j]!), `${String(locators[i])} overlaps ${String(locators[j])}: ${JSON.stringify([boxes[i], boxes[j]])}`).toBe(false);
    }
  }
};

/** The element shows all its text: nothing clipped or cut with an ellipsis. */
export const expectTextWhole = async (...locators: Locator[]) => {
  for (const locator of locators) {
    const cut = await locator.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(cut, `${String(locator)} cuts its text by ${cut}px`).toBeLessThanOrEqual(1);
  }
};

/** An input's placeholder fits in the room its padding leaves, measured in the input's own font. */
export const expectPlaceholderWhole = async (locator: Locator) => {
  const room = await locator.evaluate((el) => {
    const input = el as HTMLInputElement;
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { inner, text: context.measureText(input.placeholder).width, placeholder: input.placeholder };
  });
  expect(room.placeholder.length, 'the input has a placeholder').toBeGreaterThan(0);
  expect(room.text, `placeholder "${room.placeholder}" (${room.text}px) fits in ${room.inner}px`).toBeLessThanOrEqual(room.inner);
};

/** The view's own scroller never scrolls sideways (nothing sticks out to the right). */
export const expectNoSidewaysScroll = async (page: Page) => {
  const overflow = await page.locator('main.main').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, 'content wider than the window').toBeLessThanOrEqual(1);
};

/** A real PNG with a soft gradient and an A1111 `parameters` chunk, so the import gives it a prompt. */
export const promptedPng = async (i: number, prompt: string): Promise<Buffer> => {
  const hue = (i * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue},55%,62%)"/><stop offset="1" stop-color="hsl(${(hue + 70) % 360},45%,28%)"/></linearGradient></defs>
    <rect width="160" height="160" fill="url(#g)"/><circle cx="${40 + ((i * 13) % 80)}" cy="58" r="22" fill="hsl(${(hue + 180) % 360},70%,80%)" opacity="0.8"/></svg>`;
  const bytes = await sharp(Buffer.from(svg)).png().toBuffer();
  const chunks = extractChunks(new Uint8Array(bytes));
  const parameters = pngText.encode('parameters', `${prompt}\nSteps: 20, Seed: ${i}, Size: 160x160, Model: sdxl`);
  return Buffer.from(encodeChunks([...chunks.slice(0, -1), parameters, chunks.at(-1)!]));
};

import type { Page } from '@playwright/test';
import type { ImageSummary } from '../../src/shared/ipc/schemas/images.ts';
import { E2E_API_KEY, expect } from './fixtures.ts';

const PROMPTS = ['A lighthouse at dawn', 'A red fox in snow', 'Lighthouse keeper portrait'];

/** Saves the test key in Settings, waits until the key status names it, and goes back to Generate. */
export const storeKey = async (page: Page) => {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('key-input').fill(E2E_API_KEY);
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-status')).toContainText(E2E_API_KEY.slice(-4));
  await page.getByTestId('nav-generate').click();
};

/** Stores the key and makes one image per prompt through the real queue and the fake Venice. */
export const seedLibrary = async (page: Page, prompts = PROMPTS) => {
  await storeKey(page);
  for (const prompt of prompts) {
    await page.getByTestId('prompt-input').fill(prompt);
    await page.getByTestId('generate-button').click();
  }
  await expect(page.locator('[data-testid="queue-item"][data-status="done"]')).toHaveCount(prompts.length);
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('grid-item')).toHaveCount(prompts.length);
};

/** A tile by its prompt (its accessible name carries the prompt; the caption shows only while searching). */
export const tile = (page: Page, text: string) => page.locator(`[data-testid="grid-item"][aria-label*="${text}" i]`);

type Marks = Pick<ImageSummary, 'id' | 'rating' | 'favorite'>;

/** Every image in the library (trashed ones drop out) with its rating and favourite mark, read through the API. */
export const libraryMarks = (page: Page): Promise<Marks[]> =>
  page.evaluate(async () => {
    const api = (window as unknown as { api: { request: (route: string, input: unknown) => Promise<{ ok: boolean; data: { items: Marks[] } }> } }).api;
    const answer = await api.request('images.search', { query: {} });
    if (!answer.ok) throw new Error('images.search failed');
    return answer.data.items.map(({ id, rating, favorite }) => ({ id, rating, favorite })).toSorted((a, b) => a.id.localeCompare(b.id));
  });

// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismissPrepaintOnInput, handOffPrepaint, measurePrepaint, savePrepaint } from '../../src/renderer/src/features/library/prepaint.ts';
import { FakeBridge, uninstallBridge } from './helpers/rendererBridge.ts';

// The renderer's side of the prepaint (the tiles main's HTML paints before the script runs). Where the tiles land
// in a real layout is checked in Chromium (tests/e2e/prepaint.spec.ts); here, when the picture goes and what is told.

const paintPrepaint = (): HTMLElement => {
  const screen = document.createElement('div');
  screen.id = 'prepaint';
  screen.innerHTML = '<div class="tile"><div class="tile__frame"><img class="tile__thumb" src="media/thumb/x" alt=""></div></div>';
  document.body.append(screen);
  return screen;
};
const shown = () => document.getElementById('prepaint') !== null;

let bridge: FakeBridge;
beforeEach(() => {
  bridge = new FakeBridge().install().handle('settings.set_prepaint', () => ({ saved: true }));
});
afterEach(() => {
  document.getElementById('prepaint')?.remove();
  uninstallBridge();
  vi.useRealTimers();
});

describe('the prepaint goes', () => {
  it.each([
    ['a key', () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))],
    ['a click', () => window.dispatchEvent(new PointerEvent('pointerdown'))],
    ['the wheel', () => window.dispatchEvent(new WheelEvent('wheel', { deltaY: 40 }))],
  ])('at the user’s first move: %s', (_move, move) => {
    paintPrepaint();
    dismissPrepaintOnInput();
    expect(shown()).toBe(true);
    move();
    expect(shown()).toBe(false);
    // Its listeners went with it: a later picture (none is ever painted twice) would not be touched by a key.
    paintPrepaint();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(shown()).toBe(true);
  });

  it('after ten seconds at the latest, whatever held the grid up', () => {
    vi.useFakeTimers();
    paintPrepaint();
    dismissPrepaintOnInput();
    vi.advanceTimersByTime(9_999);
    expect(shown()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(shown()).toBe(false);
  });

  it('once the grid’s own first row has decoded its thumbnails, in the frame after', async () => {
    paintPrepaint();
    const grid = document.createElement('div');
    grid.innerHTML = '<div class="lib-grid__row"><img src="media/thumb/a"><img src="media/thumb/b"></div>';
    let decoded!: () => void;
    const decoding = new Promise<void>((resolve) => (decoded = resolve));
    for (const img of grid.querySelectorAll('img')) img.decode = () => decoding;
    dismissPrepaintOnInput();
    handOffPrepaint(grid);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown()).toBe(true);
    decoded();
    await vi.waitFor(() => expect(shown()).toBe(false));
    // Gone by the hand-off, it took its watch for the user's first move with it.
    paintPrepaint();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(shown()).toBe(true);
  });

  it('also when a thumbnail of the grid’s first row fails to load (its tile shows the placeholder)', async () => {
    paintPrepaint();
    const grid = document.createElement('div');
    grid.innerHTML = '<div class="lib-grid__row"><img src="media/thumb/gone"></div>';
    grid.querySelector('img')!.decode = () => Promise.reject(new Error('EncodingError'));
    handOffPrepaint(grid);
    await vi.waitFor(() => expect(shown()).toBe(false));
  });
});

const scrollerAt = (left: number, top: number): HTMLElement => {
  const scroller = document.createElement('div');
  scroller.getBoundingClientRect = () => ({ left, top, x: left, y: top, width: 760, height: 600, right: left + 760, bottom: top + 600, toJSON: () => ({}) });
  document.body.append(scroller);
  return scroller;
};

describe('where the first tiles sit', () => {
  it('is the grid’s content corner, its columns and tile, and the rows down to the window’s bottom', () => {
    const size = { width: window.innerWidth, height: window.innerHeight };
    const screen = measurePrepaint(scrollerAt(452.4, 157), { columns: 4, tile: 181, pitch: 191 }, 10);
    expect(screen).toEqual({ viewport: size, left: 452, top: 157, columns: 4, rows: Math.ceil((size.height - 157) / 191), tile: 181, gap: 10 });
  });

  it('is none when the screen would hold more than the grid’s first page (tiny tiles)', () => {
    expect(measurePrepaint(scrollerAt(0, 0), { columns: 30, tile: 20, pitch: 30 }, 10)).toBeNull();
  });

  it('is told to main once per change, null included', async () => {
    const a = { viewport: { width: 1280, height: 800 }, left: 452, top: 157, columns: 4, rows: 4, tile: 181, gap: 10 };
    savePrepaint(a);
    savePrepaint({ ...a });
    savePrepaint({ ...a, columns: 5 });
    savePrepaint(null);
    savePrepaint(null);
    await vi.waitFor(() => expect(bridge.calls).toHaveLength(3));
    expect(bridge.calls.map((c) => c.input)).toEqual([{ prepaint: a }, { prepaint: { ...a, columns: 5 } }, { prepaint: null }]);
  });
});

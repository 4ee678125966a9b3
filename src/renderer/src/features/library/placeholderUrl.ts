import { thumbHashToAverageRGBA, thumbHashToDataURL } from 'thumbhash';
import { type IdleDeadline, whenIdle } from '../../lib/idle.ts';

/**
 * An image's placeholder comes from its ThumbHash (base64, on the search row) in two steps:
 * - its average colour, at once, as the tile renders: reading it is a few bit operations;
 * - its blurred picture (a tiny PNG as a data URL), decoded when the window is idle and laid over the colour.
 * Decoding a hash takes about 2 ms of the window's thread while the page's code is still cold, and the first screen
 * renders some 60 tiles: decoded in the render, it held back the first thumbnails by over 100 ms (measured in a
 * trace of a first navigation). A cell therefore shows its colour in the frame its row is known, and its blurred
 * picture a moment later, unless its thumbnail came first.
 */
const CACHE_LIMIT = 4000;
const pictures = new Map<string, string>();

const bytesOf = (placeholder: string): Uint8Array | null => {
  try {
    return Uint8Array.from(atob(placeholder), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
};

const channel = (v: number): number => Math.round(v * 255);

/** The placeholder's average colour as CSS, or null when the row has none (or it is not a ThumbHash). */
export const placeholderColour = (placeholder: string | null | undefined): string | null => {
  const hash = placeholder ? bytesOf(placeholder) : null;
  if (!hash || hash.length < 5) return null;
  const { r, g, b, a } = thumbHashToAverageRGBA(hash);
  return `rgb(${channel(r)} ${channel(g)} ${channel(b)} / ${a.toFixed(2)})`;
};

/** The blurred picture as a data URL, decoded now (the last few thousand are kept); null when there is none. */
export const placeholderUrl = (placeholder: string | null | undefined): string | null => {
  if (!placeholder) return null;
  const known = pictures.get(placeholder);
  if (known) return known;
  const hash = bytesOf(placeholder);
  if (!hash) return null;
  let url: string;
  try {
    url = thumbHashToDataURL(hash);
  } catch {
    // Not a ThumbHash after all: the plain cell it would have shown without one.
    return null;
  }
  if (pictures.size >= CACHE_LIMIT) pictures.delete(pictures.keys().next().value!);
  pictures.set(placeholder, url);
  return url;
};

/** The blurred picture if it was decoded already, without decoding it. */
export const decodedPlaceholderUrl = (placeholder: string | null | undefined): string | null => (placeholder ? (pictures.get(placeholder) ?? null) : null);

type Listener = (url: string) => void;
const waiting = new Map<string, Set<Listener>>();
let scheduled = false;

const decodeWhileIdle = (deadline: IdleDeadline): void => {
  scheduled = false;
  for (const [placeholder, listeners] of waiting) {
    // At least one per call, so a window that is never idle still gets them (whenIdle's timeout calls us then).
    waiting.delete(placeholder);
    const url = placeholderUrl(placeholder);
    if (url) for (const listener of listeners) listener(url);
    if (deadline.timeRemaining() < 1) break;
  }
  if (waiting.size > 0) schedule();
};

const schedule = (): void => {
  if (scheduled) return;
  scheduled = true;
  whenIdle(decodeWhileIdle, 1000);
};

/**
 * Calls `listener` with the blurred picture once it is decoded in an idle moment; the returned function stops
 * waiting (a tile scrolled away before then costs nothing more).
 */
export const whenPlaceholderDecoded = (placeholder: string, listener: Listener): (() => void) => {
  const listeners = waiting.get(placeholder) ?? new Set<Listener>();
  listeners.add(listener);
  waiting.set(placeholder, listeners);
  schedule();
  return () => {
    const current = waiting.get(placeholder);
    current?.delete(listener);
    if (current?.size === 0) waiting.delete(placeholder);
  };
};

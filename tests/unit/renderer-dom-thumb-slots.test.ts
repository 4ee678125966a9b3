// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Prefetch = typeof import('../../src/renderer/src/features/library/thumbPrefetch.ts');
type Warmth = typeof import('../../src/renderer/src/features/library/thumbWarmth.ts');

// When the prefetch starts its next fetch. happy-dom's images neither arrive nor decode on their own, so each image
// here is told when its bytes have arrived (its load event, one listener) and when its decode ends, as a browser
// would do it.

interface ControlledImage {
  src: string;
  arrive(): void;
  finishDecode(ok: boolean): void;
}

let images: ControlledImage[] = [];

class Controlled implements ControlledImage {
  src = '';
  decoding = 'auto';
  #loaded: (() => void) | null = null;
  #decode = Promise.withResolvers<void>();
  constructor() {
    images.push(this);
  }
  addEventListener(type: string, listener: () => void): void {
    if (type === 'load') this.#loaded = listener;
  }
  decode(): Promise<void> {
    return this.#decode.promise;
  }
  arrive(): void {
    this.#loaded?.();
  }
  finishDecode(ok: boolean): void {
    if (ok) this.#decode.resolve();
    else this.#decode.reject(new Error('EncodingError'));
  }
}

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`);
const requested = (): string[] => images.map((image) => image.src.split('/').at(-1)!);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let prefetchThumbs: Prefetch['prefetchThumbs'];
let isWarm: Warmth['isWarm'];

beforeEach(async () => {
  images = [];
  vi.stubGlobal('Image', Controlled);
  // The prefetch keeps its slots in module state: each case starts with none taken.
  vi.resetModules();
  ({ prefetchThumbs } = await import('../../src/renderer/src/features/library/thumbPrefetch.ts'));
  ({ isWarm } = await import('../../src/renderer/src/features/library/thumbWarmth.ts'));
});
afterEach(() => vi.unstubAllGlobals());

describe('thumbnail prefetch slots', () => {
  it('starts the next fetch when a thumbnail has arrived, without waiting for its decode', async () => {
    const wanted = ids('a', 8);
    prefetchThumbs(wanted);
    expect(requested()).toEqual(wanted.slice(0, 6));

    images[0]!.arrive();
    expect(requested()).toEqual(wanted.slice(0, 7));
    // Still decoding: wanted again, it is not fetched a second time.
    prefetchThumbs(wanted);
    expect(requested()).toEqual(wanted.slice(0, 7));

    images[0]!.finishDecode(true);
    await flush();
    expect(isWarm(wanted[0]!)).toBe(true);
    // Its slot was already given back: the decode frees none.
    expect(requested()).toHaveLength(7);
  });

  it('frees the slot of a thumbnail that failed to arrive, and keeps it cold', async () => {
    const wanted = ids('b', 7);
    prefetchThumbs(wanted);
    expect(requested()).toEqual(wanted.slice(0, 6));

    // A 404 or a broken file: no load event, the decode rejects.
    images[2]!.finishDecode(false);
    await flush();
    expect(requested()).toEqual(wanted);
    expect(isWarm(wanted[2]!)).toBe(false);
  });
});

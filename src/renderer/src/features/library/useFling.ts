import { useCallback, useEffect, useRef, useState } from 'react';

/** Faster than this (px/s) a scroll is a fling. */
const FLING_SPEED = 4000;
/** The fling is over once the scroll has been still (or slow) for this long… */
const FLING_SETTLE_MS = 120;
/**
 * …or for two of its own gaps between scroll events, when those are longer: a loaded machine delivering 8 frames a
 * second sends a scroll event every 125 ms, and a fixed 120 ms took every gap for a stop (no fling was ever seen).
 */
const settleAfter = (gapMs: number): number => Math.min(MAX_SETTLE_MS, Math.max(FLING_SETTLE_MS, 2 * gapMs));
/** However slow the frames, a scroll that stopped is seen as stopped within this long. */
const MAX_SETTLE_MS = 400;
/**
 * The speed is the distance over at least this long a stretch of scroll events. Over less it is noise: a handler
 * runs when the main thread gets to it, not when the scroll moved, and a busy frame bunches them (seen: two events
 * of one steady 2,400 px/s scroll 55 ms apart with 400 px between them, "7,300 px/s"), and a plain scroll was taken
 * for a fling, its tiles left waiting for a prefetch.
 */
const SPEED_SPAN_MS = 200;

interface Sample {
  offset: number;
  at: number;
}

/** The speed (px/s) from the oldest sample still inside the span to now; older samples are dropped. */
const speedOver = (samples: Sample[], now: Sample): number => {
  while (samples.length > 1 && now.at - samples[1]!.at >= SPEED_SPAN_MS) samples.shift();
  const from = samples[0];
  samples.push(now);
  if (!from || now.at - from.at < SPEED_SPAN_MS) return 0;
  return (Math.abs(now.offset - from.offset) / (now.at - from.at)) * 1000;
};

/**
 * Whether a scroller is being flung. A fling through thousands of rows would decode every thumbnail it passes;
 * photo apps show placeholders until the scroll slows, and so does the grid (decoding is what costs frames on
 * machines without a fast GPU: measured 34 → 59 fps at 24 000 px/s in software-rendered Chromium).
 */
export const useFling = (): { flinging: boolean; onScroll: (offset: number) => void } => {
  const [flinging, setFlinging] = useState(false);
  const motion = useRef<{ samples: Sample[]; slowSince: number | null; lastAt: number | null; timer: ReturnType<typeof setTimeout> | undefined }>({
    samples: [],
    slowSince: null,
    lastAt: null,
    timer: undefined,
  });
  useEffect(() => () => clearTimeout(motion.current.timer), []);

  const onScroll = useCallback((offset: number) => {
    const m = motion.current;
    const at = performance.now();
    const settle = settleAfter(m.lastAt === null ? 0 : at - m.lastAt);
    m.lastAt = at;
    if (speedOver(m.samples, { offset, at }) > FLING_SPEED) {
      m.slowSince = null;
      setFlinging(true);
    } else {
      // Slowed down without stopping: the fling is over too (a scroll that sped up for a moment goes on as a scroll).
      m.slowSince ??= at;
      if (at - m.slowSince >= settle) setFlinging(false);
    }
    clearTimeout(m.timer);
    m.timer = setTimeout(() => {
      m.samples = [];
      m.slowSince = null;
      // lastAt stays: the next event's gap tells a slow frame from a scroll that started again.
      setFlinging(false);
    }, settle);
  }, []);

  return { flinging, onScroll };
};

import type { EventBus } from '../events/eventBus.ts';

/** Before this much time has passed a rate says little (the first files include starting the workers). */
const RATE_AFTER_MS = 1000;

/**
 * Reports an export's or import's progress as `transfer.progress` events: the count, the rate so far and the time
 * left at that rate, at most one event per interval (the first and the last always go out). The rate is the average
 * since the start: steadier than the last few files, whose sizes vary.
 */
export function progressReporter(events: EventBus, now: () => number, intervalMs: number, operation: 'export' | 'import') {
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  return (done: number, total: number): void => {
    const t = now();
    if (done !== 0 && done !== total && t - last < intervalMs) return;
    last = t;
    const elapsed = t - started;
    const perSecond = done > 0 && elapsed >= RATE_AFTER_MS ? (done * 1000) / elapsed : null;
    const remainingMs = perSecond === null ? null : Math.round(((total - done) / perSecond) * 1000);
    events.emit('transfer.progress', { operation, done, total, perSecond, remainingMs });
  };
}

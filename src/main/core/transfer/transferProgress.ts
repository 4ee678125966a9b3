import { transferRate } from '../../../shared/transferRate.ts';
import type { EventBus } from '../events/eventBus.ts';

/**
 * Reports an export's or import's progress as `transfer.progress` events: the count, the rate so far and the time
 * left at that rate, at most one event per interval (the first and the last always go out).
 */
export function progressReporter(events: EventBus, now: () => number, intervalMs: number, operation: 'export' | 'import') {
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  return (done: number, total: number): void => {
    const t = now();
    if (done !== 0 && done !== total && t - last < intervalMs) return;
    last = t;
    events.emit('transfer.progress', { operation, done, total, ...transferRate(done, total, t - started) });
  };
}

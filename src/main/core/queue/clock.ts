/**
 * Time as the queue sees it, injected so tests can move it (a rate-limit window, a circuit-breaker pause, the offline
 * probe) exactly instead of waiting for it.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` once after `ms`; the returned cancel function is safe to call after it fired. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    // A pending wake-up must not keep a CLI process alive once its work is done.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

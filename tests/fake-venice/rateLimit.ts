/**
 * Venice's per-key request limit as a sliding one-minute window. Reset times are epoch milliseconds, the unit
 * live-verified clients report for `x-ratelimit-reset-requests`.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAtMs: number;
}

const WINDOW_MS = 60_000;

export class SlidingWindowLimiter {
  readonly limit: number;
  private readonly now: () => number;
  private readonly hits = new Map<string, number[]>();

  constructor(limit: number, now: () => number = Date.now) {
    this.limit = limit;
    this.now = now;
  }

  /** Counts a request for `key` if the window has room; a refused request does not use up the window. */
  take(key: string): RateDecision {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    const oldest = recent[0] ?? now;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - recent.length),
      resetAtMs: oldest + WINDOW_MS,
    };
  }
}

export const rateLimitHeaders = (d: RateDecision): Record<string, string> => ({
  'x-ratelimit-limit-requests': String(d.limit),
  'x-ratelimit-remaining-requests': String(d.remaining),
  'x-ratelimit-reset-requests': String(d.resetAtMs),
});

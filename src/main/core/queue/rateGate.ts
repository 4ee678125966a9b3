import { parseRateLimitResetMs } from '../venice/httpErrors.ts';

/**
 * Keeps the queue under Venice's image rate limit (20 requests a minute by default) before Venice has to say so:
 * a sliding one-minute window of the requests Lagoon started, each native variant counting as one image as Venice
 * counts it. It adopts the limit Venice reports in `x-ratelimit-limit-requests`, and when Venice reports no
 * requests remaining (or answers 429) it holds everything until the reset Venice named.
 */
const DEFAULT_IMAGE_RATE_PER_MINUTE = 20;
const RATE_WINDOW_MS = 60_000;

export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  resetAt: number;
}

export interface RateGate {
  /** Milliseconds until `weight` more images may start (0: now). */
  delayFor(now: number, weight: number): number;
  take(now: number, weight: number): void;
  /** Learns from the headers of a response (any status). */
  observe(headers: Record<string, string>, now: number): void;
  /** Holds every start until `until` (epoch ms), e.g. after a 429. */
  holdUntil(until: number): void;
  /** What Venice last reported, for the account panel; null before the first response. */
  snapshot(): RateLimitSnapshot | null;
}

const integerHeader = (headers: Record<string, string>, name: string): number | undefined => {
  const raw = headers[name];
  if (raw === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(raw)) return undefined;
  return Math.floor(Number(raw));
};

export const createRateGate = (initialLimit = DEFAULT_IMAGE_RATE_PER_MINUTE): RateGate => {
  let limit = initialLimit;
  let heldUntil = 0;
  let last: RateLimitSnapshot | null = null;
  const starts: Array<{ at: number; weight: number }> = [];

  const prune = (now: number): void => {
    while (starts.length > 0 && starts[0]!.at <= now - RATE_WINDOW_MS) starts.shift();
  };

  return {
    delayFor(now, weight) {
      prune(now);
      if (heldUntil > now) return heldUntil - now;
      const wanted = Math.min(Math.max(1, weight), limit);
      let used = starts.reduce((sum, s) => sum + s.weight, 0);
      if (used + wanted <= limit) return 0;
      for (const start of starts) {
        used -= start.weight;
        if (used + wanted <= limit) return start.at + RATE_WINDOW_MS - now;
      }
      return RATE_WINDOW_MS;
    },
    take(now, weight) {
      starts.push({ at: now, weight: Math.max(1, weight) });
    },
    observe(headers, now) {
      const reportedLimit = integerHeader(headers, 'x-ratelimit-limit-requests');
      const remaining = integerHeader(headers, 'x-ratelimit-remaining-requests');
      // Read as the client reads it on a 429 (epoch ms, epoch s or a duration), so both agree on when the window resets.
      const resetAt = parseRateLimitResetMs(headers['x-ratelimit-reset-requests'] ?? null, now);
      if (reportedLimit !== undefined && reportedLimit > 0) limit = reportedLimit;
      if (remaining === undefined || resetAt === undefined) return;
      last = { limit, remaining, resetAt };
      if (remaining <= 0) heldUntil = Math.max(heldUntil, resetAt);
    },
    holdUntil(until) {
      heldUntil = Math.max(heldUntil, until);
    },
    snapshot: () => last,
  };
};

import type { IncomingMessage, ServerResponse } from 'node:http';
import { modelsBody } from './catalog.ts';
import { bearerKey, type HeaderMap, sendError, sendJson } from './http.ts';

/**
 * `GET /api_keys/rate_limits`, in the shape of Venice's spec (swagger 20260821): free, authenticated, 401 with a
 * wrong or missing key. The balances are the fake's own, which its generations lower, so a check after a
 * generation sees the image paid for.
 */
export interface AccountRouteState {
  apiKey: string;
  balance: { usd: number; diem: number };
  rateLimitPerMinute: number;
  /** ISO date the fake's key expires, or null (the default) for a key that never does. */
  keyExpiration: string | null;
}

/** Venice's start of the next DIEM epoch: the next UTC midnight. */
const nextUtcMidnight = (now: number): string => {
  const day = new Date(now);
  day.setUTCHours(24, 0, 0, 0);
  return day.toISOString();
};

const rateLimitsBody = (state: AccountRouteState, now = Date.now()) => {
  const models = modelsBody('image').data;
  return {
    data: {
      accessPermitted: true,
      apiTier: { id: 'paid', isCharged: true },
      balances: { USD: state.balance.usd, DIEM: state.balance.diem },
      keyExpiration: state.keyExpiration,
      nextEpochBegins: nextUtcMidnight(now),
      rateLimits: models.map((model) => ({
        apiModelId: model.id,
        rateLimits: [
          { amount: state.rateLimitPerMinute, type: 'RPM' },
          { amount: 4000, type: 'RPD' },
        ],
      })),
    },
  };
};

export const handleRateLimits = (req: IncomingMessage, res: ServerResponse, headers: HeaderMap, state: AccountRouteState): void => {
  if (req.method !== 'GET') return sendError(res, 405, 'Method not allowed', headers);
  if (bearerKey(req.headers.authorization) !== state.apiKey) return sendError(res, 401, 'Authentication failed', headers);
  sendJson(res, 200, rateLimitsBody(state), headers);
};

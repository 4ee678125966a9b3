import { z } from 'zod';

/**
 * Venice's `GET /api_keys/rate_limits` (free, authenticated; 401 on a bad key): the cheapest call that proves a
 * key works, and what Lagoon shows about the account before the first image (tier, balances, key expiry). Open
 * schemas, like the catalogue's: Venice adds fields without notice, and only what Lagoon shows is required.
 */

const zRawRateLimits = z.object({
  data: z.object({
    accessPermitted: z.boolean().optional(),
    apiTier: z.object({ id: z.string(), isCharged: z.boolean().optional() }).nullable().optional(),
    balances: z.object({ USD: z.number().nullable().optional(), DIEM: z.number().nullable().optional() }).nullable().optional(),
    keyExpiration: z.string().nullable().optional(),
    nextEpochBegins: z.string().nullable().optional(),
    rateLimits: z
      .array(z.object({ apiModelId: z.string(), rateLimits: z.array(z.object({ amount: z.number(), type: z.string() })) }))
      .optional(),
  }),
});

export interface AccountInfo {
  /** Venice's tier id ("paid", "explorer", …) and whether requests on it cost money. */
  tier: string | null;
  tierCharged: boolean | null;
  balanceUsd: number | null;
  balanceDiem: number | null;
  /** ISO date the key stops working, or null when it never expires. */
  keyExpiresAt: string | null;
  /** False when Venice says the key may not be used right now. */
  accessPermitted: boolean;
}

const isoOrNull = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};

/** The 200 body → AccountInfo, or null when it is not the shape Venice documents. */
export const parseAccountInfo = (json: unknown): AccountInfo | null => {
  const parsed = zRawRateLimits.safeParse(json);
  if (!parsed.success) return null;
  const data = parsed.data.data;
  return {
    tier: data.apiTier?.id ?? null,
    tierCharged: data.apiTier?.isCharged ?? null,
    balanceUsd: data.balances?.USD ?? null,
    balanceDiem: data.balances?.DIEM ?? null,
    keyExpiresAt: isoOrNull(data.keyExpiration),
    accessPermitted: data.accessPermitted ?? true,
  };
};

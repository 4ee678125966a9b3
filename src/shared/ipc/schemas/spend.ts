import { z } from 'zod';

/** What was paid in one period, from the spend ledger (one row per job, written when the job ended). */
export const zSpendPeriod = z.strictObject({
  /** Jobs Venice answered with images, at the catalogue price. */
  chargedUsd: z.number().nonnegative(),
  /** Jobs that may have reached Venice without a usable answer (a timeout, a 5xx, quitting mid-request). */
  possiblyChargedUsd: z.number().nonnegative(),
  /** Jobs whose model had no price in the catalogue: counted, not priced. */
  unpricedJobs: z.number().int().nonnegative(),
});
export type SpendPeriod = z.infer<typeof zSpendPeriod>;

export const zSpendSummary = z.strictObject({ today: zSpendPeriod, month: zSpendPeriod, allTime: zSpendPeriod });
export type SpendSummary = z.infer<typeof zSpendSummary>;

/** Above this estimated price a batch asks before it is queued; a setting, $1 unless the user changes it. */
export const DEFAULT_SPEND_LIMIT_USD = 1;
export const zSpendLimitUsd = z.number().min(0).max(10_000);

import { z } from 'zod';
import { MAX_SPEND_LIMIT_USD } from '../../spending.ts';

/** What was paid in one period, from the spend ledger (one row per job, written when the job ended). */
const zSpendPeriod = z.strictObject({
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

export const zSpendLimitUsd = z.number().min(0).max(MAX_SPEND_LIMIT_USD);

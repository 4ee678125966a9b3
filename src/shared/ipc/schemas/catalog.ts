import { z } from 'zod';
import { zModelInfo } from '../../models.ts';
import { route } from '../route.ts';
import { zKeyVerification } from './settings.ts';
import { zSpendSummary } from './spend.ts';

export const zCatalog = z.strictObject({
  models: z.array(zModelInfo),
  styles: z.array(z.string()),
  /** Venice's `/models/traits` map, e.g. { default: 'z-image-turbo' }. */
  traits: z.record(z.string(), z.string()),
  /** When the cached catalogue was fetched (null: never, e.g. first start offline). */
  fetchedAt: z.number().int().nullable(),
});
export type Catalog = z.infer<typeof zCatalog>;

export const zAccountStatus = z.strictObject({
  /** Balances as Venice last reported them in response headers (null until the first generation). */
  balanceUsd: z.number().nullable(),
  balanceDiem: z.number().nullable(),
  balanceAt: z.number().int().nullable(),
  /** Charged since local midnight (the spend ledger's `spend.today.chargedUsd`). */
  spentTodayUsd: z.number().nonnegative(),
  /** The spend ledger: today, this month, all time; what may have been charged kept apart. */
  spend: zSpendSummary,
  /** Whether Venice accepted the stored key (null: no key, or not known). */
  verification: zKeyVerification.nullable(),
  /** From Venice's account call (when the key was saved, and at each start): null until it has answered once. */
  account: z
    .strictObject({
      tier: z.string().max(60).nullable(),
      tierCharged: z.boolean().nullable(),
      /** ISO date the API key stops working; null: it never expires. */
      expiresAt: z.string().max(40).nullable(),
      accessPermitted: z.boolean(),
      checkedAt: z.number().int(),
    })
    .nullable(),
  rateLimit: z.strictObject({ limit: z.number().int(), remaining: z.number().int(), resetAt: z.number().int() }).nullable(),
  /** False while the last attempt to reach Venice failed before sending (jobs wait for the network). */
  online: z.boolean(),
  /** Set while the queue holds back after several failed generations in a row (the circuit breaker): until when. */
  queuePausedUntil: z.number().int().nullable(),
});
export type AccountStatus = z.infer<typeof zAccountStatus>;

export const catalogRoutes = {
  'models.list': route({ input: z.strictObject({ refresh: z.boolean().optional() }), output: zCatalog }),
  'account.get_status': route({ input: z.strictObject({}), output: zAccountStatus }),
};

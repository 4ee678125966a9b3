import type { SpendPeriod } from '../../shared/ipc/schemas/spend.ts';
import { spendSummary } from '../../main/core/spend/spendLedger.ts';
import { readSpendLimit } from '../../main/core/spend/spendLimit.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { alignedTable } from '../table.ts';

/** Four decimals: Venice prices some images at fractions of a cent. */
const usd = (value: number): string => `$${value.toFixed(value !== 0 && value < 0.01 ? 4 : 2)}`;

const row = (label: string, period: SpendPeriod): string[] => [
  label,
  usd(period.chargedUsd),
  usd(period.possiblyChargedUsd),
  period.unpricedJobs > 0 ? `${period.unpricedJobs} without a known price` : '',
];

/**
 * What the app's account panel shows: the spend ledger (every job Venice charged or may have charged, at the
 * catalogue price, kept when images are deleted) for today, this month and all time, on the local calendar.
 */
export async function spendCommand(ctx: CliContext): Promise<number> {
  const { db, library } = ctx.services();
  const summary = spendSummary(db, Date.now());
  const spendLimitUsd = readSpendLimit(library);
  ctx.out.emit({ ...summary, spendLimitUsd }, () => {
    const table = alignedTable(
      ['', 'CHARGED', 'POSSIBLY CHARGED', ''],
      [row('today', summary.today), row('this month', summary.month), row('all time', summary.allTime)],
    );
    return [
      ...table,
      '',
      'Charged: Venice answered with images, at the catalogue price. Possibly charged: the request may have reached',
      'Venice without an answer Lagoon could use (a timeout, a server error, quitting mid-request). Deleting images',
      `does not lower these figures. The app asks before a batch estimated above ${usd(spendLimitUsd)} (Settings).`,
    ].join('\n');
  });
  return EXIT_OK;
}

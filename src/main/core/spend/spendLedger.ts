import type { Database } from 'better-sqlite3';
import type { SpendPeriod, SpendSummary } from '../../../shared/ipc/schemas/spend.ts';
import { prepared } from '../db/statements.ts';

/**
 * Reads of the spend ledger (migration 0010 writes it when a job ends). Periods are the user's local calendar:
 * today since local midnight, this month since the first of the month, daylight saving included.
 */

/** Local midnight of the day `now` falls in. */
export const startOfLocalDay = (now: number): number => {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
};

/** Local midnight of the first day of the month `now` falls in. */
export const startOfLocalMonth = (now: number): number => {
  const day = new Date(startOfLocalDay(now));
  day.setDate(1);
  return day.getTime();
};

/** Cents of cents are noise from adding binary fractions, not money. */
const roundUsd = (value: number): number => Math.round(value * 1e6) / 1e6;

interface PeriodRow {
  charged: number;
  possibly: number;
  unpriced: number;
}

const PERIOD_SQL = `SELECT
    COALESCE(SUM(CASE WHEN kind = 'charged' THEN amount_usd END), 0) AS charged,
    COALESCE(SUM(CASE WHEN kind = 'possibly_charged' THEN amount_usd END), 0) AS possibly,
    COUNT(*) - COUNT(amount_usd) AS unpriced
  FROM spend_ledger WHERE at >= ?`;

const period = (db: Database, since: number): SpendPeriod => {
  const row = prepared(db, PERIOD_SQL, 'spend.period').get(since) as PeriodRow;
  return { chargedUsd: roundUsd(row.charged), possiblyChargedUsd: roundUsd(row.possibly), unpricedJobs: row.unpriced };
};

/** Today, this month and all time; what may have been charged is kept apart from what certainly was. */
export const spendSummary = (db: Database, now: number): SpendSummary => ({
  today: period(db, startOfLocalDay(now)),
  month: period(db, startOfLocalMonth(now)),
  allTime: period(db, Number.MIN_SAFE_INTEGER),
});

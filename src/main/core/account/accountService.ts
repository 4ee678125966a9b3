import type { Database } from 'better-sqlite3';
import type { AccountStatus } from '../../../shared/ipc/schemas/catalog.ts';
import type { EventBus } from '../events/eventBus.ts';
import { getSetting, setSetting } from '../library/imageQueries.ts';
import type { Connectivity } from '../queue/connectivity.ts';
import type { RateLimitSnapshot } from '../queue/rateGate.ts';

/**
 * What the account panel shows: the balance Venice last reported in a response header (kept in settings so it
 * survives a restart), today's spend from the catalogue prices of the images stored since local midnight, Venice's
 * rate limit as last reported, and whether Venice is reachable.
 */
export interface AccountService {
  status(): AccountStatus;
  /** Headers of a Venice answer: picks up the balance, then announces the new status. */
  observeResponse(headers: Record<string, string>): void;
  /** Images were stored: today's spend changed. */
  imagesStored(): void;
  /** The queue started holding back (circuit breaker): announces the new status. */
  queuePaused(): void;
}

export interface AccountDeps {
  db: Database;
  events: EventBus;
  connectivity: Connectivity;
  rateLimit(): RateLimitSnapshot | null;
  queuePausedUntil(): number | null;
  now?: () => number;
}

const BALANCE_SETTING = 'account.balance';

interface Balance {
  usd: number | null;
  diem: number | null;
  at: number;
}

const amount = (raw: string | undefined): number | null => {
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
};

const readBalance = (db: Database): Balance | null => {
  const raw = getSetting(db, BALANCE_SETTING);
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Balance>;
    if (typeof parsed.at !== 'number') return null;
    return { usd: typeof parsed.usd === 'number' ? parsed.usd : null, diem: typeof parsed.diem === 'number' ? parsed.diem : null, at: parsed.at };
  } catch {
    return null;
  }
};

/** Local midnight of the day `now` falls in (the user's "today", daylight saving included). */
export const startOfLocalDay = (now: number): number => {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
};

/** Cents of cents are noise from adding binary fractions, not money. */
const roundUsd = (value: number): number => Math.round(value * 1e6) / 1e6;

export const spentSince = (db: Database, since: number): number => {
  const row = db.prepare('SELECT COALESCE(SUM(price_usd), 0) AS total FROM images WHERE created_at >= ?').get(since) as { total: number };
  return roundUsd(row.total);
};

export const createAccountService = (deps: AccountDeps): AccountService => {
  const now = deps.now ?? Date.now;
  const status = (): AccountStatus => {
    const balance = readBalance(deps.db);
    return {
      balanceUsd: balance?.usd ?? null,
      balanceDiem: balance?.diem ?? null,
      balanceAt: balance?.at ?? null,
      spentTodayUsd: spentSince(deps.db, startOfLocalDay(now())),
      rateLimit: deps.rateLimit(),
      online: deps.connectivity.online,
      queuePausedUntil: deps.queuePausedUntil(),
    };
  };
  const announce = (): void => {
    // A late answer (a catalogue refresh) may arrive after shutdown closed the database.
    if (deps.db.open) deps.events.emit('account.changed', status());
  };
  deps.connectivity.subscribe(announce);
  return {
    status,
    observeResponse(headers) {
      const usd = amount(headers['x-venice-balance-usd']);
      const diem = amount(headers['x-venice-balance-diem']);
      if (usd !== null || diem !== null) {
        setSetting(deps.db, BALANCE_SETTING, JSON.stringify({ usd, diem, at: now() } satisfies Balance));
      }
      announce();
    },
    imagesStored: announce,
    queuePaused: announce,
  };
};

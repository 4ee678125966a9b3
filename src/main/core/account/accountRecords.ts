import type { Database } from 'better-sqlite3';
import { type KeyVerification, zKeyVerification } from '../../../shared/ipc/schemas/settings.ts';
import { getSetting, setSetting } from '../library/imageQueries.ts';
import type { AccountInfo } from '../venice/accountInfo.ts';

/**
 * What Lagoon remembers about the account between runs, as JSON in the settings table: the balance (from a
 * response header or the account check), whether the stored key was verified, and the account details Venice
 * gave for it. Never the key: only its last four characters, so a key replaced elsewhere is not taken as checked.
 */

const BALANCE_SETTING = 'account.balance';
const KEY_CHECK_SETTING = 'account.key_check';
const ACCOUNT_INFO_SETTING = 'account.info';

export interface Balance {
  usd: number | null;
  diem: number | null;
  at: number;
}

export interface KeyCheck {
  state: KeyVerification;
  last4: string | null;
  at: number;
}

export type StoredAccountInfo = AccountInfo & { at: number };

const readJson = (db: Database, key: string): Record<string, unknown> | null => {
  const raw = getSetting(db, key);
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const readBalance = (db: Database): Balance | null => {
  const parsed = readJson(db, BALANCE_SETTING);
  if (parsed === null || typeof parsed.at !== 'number') return null;
  return { usd: numberOrNull(parsed.usd), diem: numberOrNull(parsed.diem), at: parsed.at };
};

export const writeBalance = (db: Database, balance: Balance): void => setSetting(db, BALANCE_SETTING, JSON.stringify(balance));

export const readKeyCheck = (db: Database): KeyCheck | null => {
  const parsed = readJson(db, KEY_CHECK_SETTING);
  const state = zKeyVerification.safeParse(parsed?.state);
  if (!parsed || !state.success || typeof parsed.at !== 'number') return null;
  return { state: state.data, last4: stringOrNull(parsed.last4), at: parsed.at };
};

export const writeKeyCheck = (db: Database, check: KeyCheck | null): void =>
  setSetting(db, KEY_CHECK_SETTING, check === null ? 'null' : JSON.stringify(check));

export const readAccountInfo = (db: Database): StoredAccountInfo | null => {
  const parsed = readJson(db, ACCOUNT_INFO_SETTING);
  if (parsed === null || typeof parsed.at !== 'number') return null;
  return {
    tier: stringOrNull(parsed.tier),
    tierCharged: typeof parsed.tierCharged === 'boolean' ? parsed.tierCharged : null,
    balanceUsd: numberOrNull(parsed.balanceUsd),
    balanceDiem: numberOrNull(parsed.balanceDiem),
    keyExpiresAt: stringOrNull(parsed.keyExpiresAt),
    accessPermitted: parsed.accessPermitted !== false,
    at: parsed.at,
  };
};

export const writeAccountInfo = (db: Database, info: StoredAccountInfo | null): void =>
  setSetting(db, ACCOUNT_INFO_SETTING, info === null ? 'null' : JSON.stringify(info));

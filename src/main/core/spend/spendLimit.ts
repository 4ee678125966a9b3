import { AppError } from '../../../shared/errors.ts';
import { zSpendLimitUsd } from '../../../shared/ipc/schemas/spend.ts';
import { DEFAULT_SPEND_LIMIT_USD } from '../../../shared/spending.ts';
import type { SettingsStore } from '../library/libraryPrefs.ts';

/** The price above which a batch asks before it is queued; the Generate form reads it with the preferences. */
const SPEND_LIMIT_SETTING = 'spend.limit_usd';

export const readSpendLimit = (store: SettingsStore): number => {
  const raw = store.getSetting(SPEND_LIMIT_SETTING);
  const parsed = zSpendLimitUsd.safeParse(raw === null || raw.trim() === '' ? Number.NaN : Number(raw));
  return parsed.success ? parsed.data : DEFAULT_SPEND_LIMIT_USD;
};

export const writeSpendLimit = (store: SettingsStore, usd: number): number => {
  const parsed = zSpendLimitUsd.safeParse(usd);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'The spending limit must be between $0 and $10,000.');
  store.setSetting(SPEND_LIMIT_SETTING, String(parsed.data));
  return parsed.data;
};

import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';

/** How the library looks after itself: how long the trash keeps images, and how many database backups are kept. */
export interface LibraryPrefs {
  trashRetentionDays: number;
  backupsToKeep: number;
}

export const DEFAULT_LIBRARY_PREFS: Readonly<LibraryPrefs> = Object.freeze({ trashRetentionDays: 30, backupsToKeep: 5 });

/** The same bounds as the settings contract: a hand-edited or older value outside them falls back to the default. */
const BOUNDS: Readonly<Record<keyof LibraryPrefs, z.ZodInt>> = {
  trashRetentionDays: z.int().min(1).max(3650),
  backupsToKeep: z.int().min(1).max(100),
};

const settingKey = (name: keyof LibraryPrefs): string => `library.${name}`;

export interface SettingsStore {
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): void;
}

export const readLibraryPrefs = (store: SettingsStore): LibraryPrefs => {
  const read = (name: keyof LibraryPrefs): number => {
    const raw = store.getSetting(settingKey(name));
    const parsed = BOUNDS[name].safeParse(raw === null || raw.trim() === '' ? Number.NaN : Number(raw));
    return parsed.success ? parsed.data : DEFAULT_LIBRARY_PREFS[name];
  };
  return { trashRetentionDays: read('trashRetentionDays'), backupsToKeep: read('backupsToKeep') };
};

/** Stores the fields given (each checked against the bounds; the IPC schema already did) and returns them all. */
export const writeLibraryPrefs = (store: SettingsStore, changes: Partial<LibraryPrefs>): LibraryPrefs => {
  for (const name of Object.keys(BOUNDS) as Array<keyof LibraryPrefs>) {
    const value = changes[name];
    if (value === undefined) continue;
    const parsed = BOUNDS[name].safeParse(value);
    if (!parsed.success) throw new AppError('INVALID_INPUT', `${name} is out of range.`);
    store.setSetting(settingKey(name), String(parsed.data));
  }
  return readLibraryPrefs(store);
};

import type { z } from 'zod';
import { type LanguageChoice, type StartView, zLanguageChoice, zStartView } from '../../../shared/ipc/schemas/settings.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { AccountService } from '../account/accountService.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { Library } from '../library/library.ts';
import { readLibraryPrefs, writeLibraryPrefs } from '../library/libraryPrefs.ts';
import { START_VIEW_SETTING } from '../library/windowSettings.ts';
import { storePrepaint } from '../protocol/prepaint.ts';
import { forgetSecret, registerSecret } from '../log.ts';
import { keyStatus, normalizeApiKey } from '../secrets/apiKey.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { readSpendLimit, writeSpendLimit } from '../spend/spendLimit.ts';

type SettingsRoutes =
  | 'settings.get_key_status'
  | 'settings.set_api_key'
  | 'settings.clear_api_key'
  | 'settings.get_preferences'
  | 'settings.set_language'
  | 'settings.set_library_prefs'
  | 'settings.set_spend_limit'
  | 'settings.set_start_view'
  | 'settings.set_prepaint';

const LANGUAGE_SETTING = 'language';

/** Saving a key Venice refused would only move the failure to the first Generate. */
const keyRefused = (): AppError =>
  new AppError(
    'AUTH_REJECTED',
    'Venice did not accept this key, so it was not saved. Check that you copied the whole key from your Venice account and that it has not been deleted or expired.',
    { status: 401, saved: false },
  );

export const settingsHandlers = (deps: { secrets: SecretStore; library: Library; account: AccountService }): Pick<Handlers<RequestContext>, SettingsRoutes> => {
  // A stored choice is read through its schema: a value this Lagoon does not know (a newer one's, a hand edit) is the default.
  const stored = <T>(schema: z.ZodType<T>, key: string, fallback: T): T => {
    const parsed = schema.safeParse(deps.library.getSetting(key));
    return parsed.success ? parsed.data : fallback;
  };
  const preferences = () => ({
    language: stored<LanguageChoice>(zLanguageChoice, LANGUAGE_SETTING, 'system'),
    ...readLibraryPrefs(deps.library),
    spendLimitUsd: readSpendLimit(deps.library),
    startView: stored<StartView>(zStartView, START_VIEW_SETTING, 'generate'),
  });
  const status = (key: string | null) => keyStatus(key, deps.secrets.backend, key ? deps.account.keyVerification() : null);
  return {
    'settings.get_key_status': async () => status(await deps.secrets.get()),
    'settings.set_api_key': async ({ apiKey }) => {
      const key = normalizeApiKey(apiKey);
      registerSecret(key);
      const check = await deps.account.checkKey(key);
      if (check.state === 'rejected') throw keyRefused();
      await deps.secrets.set(key);
      deps.account.keyStored(key, check);
      return status(key);
    },
    'settings.clear_api_key': async () => {
      const old = await deps.secrets.get();
      await deps.secrets.delete();
      if (old) forgetSecret(old);
      deps.account.keyCleared();
      return status(null);
    },
    'settings.get_preferences': async () => preferences(),
    'settings.set_language': async ({ language: choice }) => {
      deps.library.setSetting(LANGUAGE_SETTING, choice);
      return preferences();
    },
    'settings.set_library_prefs': async ({ trashRetentionDays, backupsToKeep }) => {
      writeLibraryPrefs(deps.library, {
        ...(trashRetentionDays !== undefined ? { trashRetentionDays } : {}),
        ...(backupsToKeep !== undefined ? { backupsToKeep } : {}),
      });
      return preferences();
    },
    'settings.set_spend_limit': async ({ spendLimitUsd }) => {
      writeSpendLimit(deps.library, spendLimitUsd);
      return preferences();
    },
    'settings.set_start_view': async ({ view }) => {
      deps.library.setSetting(START_VIEW_SETTING, view);
      return preferences();
    },
    'settings.set_prepaint': async ({ prepaint }) => {
      storePrepaint(deps.library, prepaint);
      return { saved: true } as const;
    },
  };
};

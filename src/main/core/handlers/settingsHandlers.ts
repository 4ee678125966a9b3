import { type LanguageChoice, zLanguageChoice } from '../../../shared/ipc/schemas/settings.ts';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { Library } from '../library/library.ts';
import { readLibraryPrefs, writeLibraryPrefs } from '../library/libraryPrefs.ts';
import { forgetSecret, registerSecret } from '../log.ts';
import { keyStatus, normalizeApiKey } from '../secrets/apiKey.ts';
import type { SecretStore } from '../secrets/secretStore.ts';

type SettingsRoutes =
  | 'settings.get_key_status'
  | 'settings.set_api_key'
  | 'settings.clear_api_key'
  | 'settings.get_preferences'
  | 'settings.set_language'
  | 'settings.set_library_prefs';

const LANGUAGE_SETTING = 'language';

export const settingsHandlers = (deps: { secrets: SecretStore; library: Library }): Pick<Handlers<RequestContext>, SettingsRoutes> => {
  const language = (): LanguageChoice => {
    const parsed = zLanguageChoice.safeParse(deps.library.getSetting(LANGUAGE_SETTING));
    return parsed.success ? parsed.data : 'system';
  };
  const preferences = () => ({ language: language(), ...readLibraryPrefs(deps.library) });
  return {
    'settings.get_key_status': async () => keyStatus(await deps.secrets.get(), deps.secrets.backend),
    'settings.set_api_key': async ({ apiKey }) => {
      const key = normalizeApiKey(apiKey);
      registerSecret(key);
      await deps.secrets.set(key);
      return keyStatus(key, deps.secrets.backend);
    },
    'settings.clear_api_key': async () => {
      const old = await deps.secrets.get();
      await deps.secrets.delete();
      if (old) forgetSecret(old);
      return keyStatus(null, deps.secrets.backend);
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
  };
};

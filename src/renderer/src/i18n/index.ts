import { createInstance } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LanguageChoice } from '../../../shared/ipc/schemas/settings.ts';
import de from './de.json';
import en from './en.json';
import { FALLBACK_LANGUAGE, UI_LANGUAGES, type UiLanguage, resolveLanguage } from './language.ts';

/** One instance for the app (registered with react-i18next by `initReactI18next`), not i18next's global. */
const i18n = createInstance();

export const systemLanguages = (): readonly string[] => navigator.languages ?? [navigator.language];

const reflectInDocument = (lng: string): void => {
  // Screen readers pick their voice from <html lang>; the title is the window's title in Electron.
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
};

/** Resources are bundled, so init is effectively synchronous; the promise only keeps i18next's API honest. */
export const initI18n = async (choice: LanguageChoice): Promise<UiLanguage> => {
  const lng = resolveLanguage(choice, systemLanguages());
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: UI_LANGUAGES,
    // React escapes text itself, and we never render translations as HTML.
    interpolation: { escapeValue: false },
    initAsync: false,
    react: { useSuspense: false },
  });
  i18n.on('languageChanged', reflectInDocument);
  reflectInDocument(lng);
  return lng;
};

export const applyLanguageChoice = async (choice: LanguageChoice): Promise<UiLanguage> => {
  const lng = resolveLanguage(choice, systemLanguages());
  await i18n.changeLanguage(lng);
  return lng;
};

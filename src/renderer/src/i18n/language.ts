import type { LanguageChoice } from '../../../shared/ipc/schemas/settings.ts';

/** The languages the UI ships catalogs for; English is the fallback for everything else. */
export const UI_LANGUAGES = ['en', 'de'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: UiLanguage = 'en';

const isUiLanguage = (s: string): s is UiLanguage => (UI_LANGUAGES as readonly string[]).includes(s);

/**
 * The OS's first preferred language we have a catalog for ('de-AT' counts as 'de'), so a user whose list is
 * fr, de, en gets German rather than the fallback.
 */
export const bestSystemLanguage = (preferred: readonly string[]): UiLanguage => {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    if (isUiLanguage(base)) return base;
  }
  return FALLBACK_LANGUAGE;
};

export const resolveLanguage = (choice: LanguageChoice, preferred: readonly string[]): UiLanguage =>
  choice === 'system' ? bestSystemLanguage(preferred) : choice;

/** The language setting's choices ('system' follows the OS). Zod-free so the renderer can import it. */
export const LANGUAGE_CHOICES = ['system', 'en', 'de'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

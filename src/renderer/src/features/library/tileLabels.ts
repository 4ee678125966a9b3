import type { TFunction } from 'i18next';

/**
 * What every tile says, translated once per language for the whole grid. Each tile used to translate its own as it
 * mounted, and i18next's lookup and interpolation were the largest part of a tile's render while a scroll brought
 * in new rows (a profile of the 100k library's first scroll, before its code had warmed up).
 */
export interface TileLabels {
  /** The tile's accessible name: the image's prompt, and the blurred badge's own word when it shows one. */
  open(prompt: string, blurred: boolean): string;
  hint: string;
  favorite: string;
  fileMissing: string;
  /** The stars' name for a rating of 1 to 5 (index 0 unused): a plural lookup per rated tile cost as much as the rest. */
  rating: readonly string[];
}

/** Stands in for the value while the text around it is translated; no translation contains it. */
const SLOT = '\u0000';

/** A translation with one value put in by concatenation, from the text translated once around a stand-in. */
const withSlot = (t: TFunction, key: string, values: Record<string, string>): ((value: string) => string) => {
  const parts = t(key, { ...values, prompt: SLOT }).split(SLOT);
  // A translation that names the value twice, or not at all, is translated per call as before.
  if (parts.length !== 2) return (prompt) => t(key, { ...values, prompt });
  const [before, after] = parts as [string, string];
  return (prompt) => before + prompt + after;
};

export const tileLabels = (t: TFunction): TileLabels => {
  const open = withSlot(t, 'library.open', {});
  const openBlurred = withSlot(t, 'library.openBlurred', { badge: t('blurred.badge') });
  return {
    open: (prompt, blurred) => (blurred ? openBlurred(prompt) : open(prompt)),
    hint: t('library.tileHint'),
    favorite: t('library.favorite'),
    fileMissing: t('library.fileMissing'),
    rating: [0, 1, 2, 3, 4, 5].map((count) => t('rating.label', { count })),
  };
};

import { thumbHashToDataURL } from 'thumbhash';

/**
 * An image's placeholder (its ThumbHash, base64, from the search row) as a data URL of a tiny blurred PNG, for a
 * tile's background while its thumbnail loads. Decoding one costs a fraction of a millisecond, but a fling renders
 * hundreds of tiles a second and revisits them: the last few thousand stay cached (a few hundred bytes each).
 */
const CACHE_LIMIT = 4000;
const cache = new Map<string, string>();

export const placeholderUrl = (placeholder: string | null | undefined): string | null => {
  if (!placeholder) return null;
  const known = cache.get(placeholder);
  if (known) return known;
  let url: string;
  try {
    url = thumbHashToDataURL(Uint8Array.from(atob(placeholder), (c) => c.charCodeAt(0)));
  } catch {
    // Not a ThumbHash after all: the plain cell it would have shown without one.
    return null;
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(placeholder, url);
  return url;
};

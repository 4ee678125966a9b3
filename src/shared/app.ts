/**
 * The app's own origin. The bundle and the library's images are both served by one privileged custom protocol,
 * so the renderer loads images by same-origin relative URLs and the CSP can stay at 'self'.
 */
export const APP_SCHEME = 'lagoon';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type MediaKind = 'image' | 'thumb';
/** Relative on purpose: the same URL works under lagoon://app and under the e2e harness's loopback server. */
export const mediaUrl = (kind: MediaKind, id: string): string => `media/${kind}/${encodeURIComponent(id)}`;

/** The element main's HTML paints the Library's first tiles in, before the script runs; the renderer removes it. */
export const PREPAINT_ELEMENT_ID = 'prepaint';
/** The most tiles a prepaint paints: no more than the grid's own first page (FIRST_PAGE in the renderer). */
export const PREPAINT_MAX_TILES = 120;

/**
 * How many images one page holds, wherever a page is asked for: the grid (`images.search`), the CLI's `list` and
 * `search`, and `Library.list`. A page larger than `max` is refused; one without a size gets `default`.
 */
export const IMAGE_PAGE = { default: 60, max: 500 } as const;

/** The furthest position a jump (`images.seek`) may ask for: far beyond any library, so a bad offset cannot make SQLite skip for minutes. */
export const MAX_SEEK_OFFSET = 50_000_000;

/** How many images one `images.family_roots` request may name (the grid asks in chunks of this size when stacking). */
export const MAX_ROOT_IDS = 1000;

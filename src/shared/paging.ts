/**
 * How many images one page holds, wherever a page is asked for: the grid (`images.search`), the CLI's `list` and
 * `search`, and `Library.list`. A page larger than `max` is refused; one without a size gets `default`.
 */
export const IMAGE_PAGE = { default: 60, max: 500 } as const;

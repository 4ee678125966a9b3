/**
 * The grid's page sizes (FIRST_PAGE and NEXT_PAGE in src/renderer/src/features/library/searchList.ts, which imports React
 * and so cannot be imported here): the first page is what every keystroke and filter change asks for.
 */
export const PAGE_SIZES = { first: 120, next: 400 } as const;

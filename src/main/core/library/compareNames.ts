/**
 * The order people expect names in (tags, collections, saved searches): alphabetical ignoring case and accents, so
 * "Été" sits with the e's rather than after "z"; exact ties fall back to code units so the order is total.
 */
export const compareNames = (a: string, b: string): number =>
  a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

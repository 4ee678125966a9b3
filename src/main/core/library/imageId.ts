/**
 * Image ids become file names and URL segments, so anything that is not exactly a lowercase UUID is refused before
 * it can reach a path: no separators, dots, encodings or case variants can ride along.
 */
const IMAGE_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isImageId = (value: unknown): value is string => typeof value === 'string' && IMAGE_ID_RE.test(value);

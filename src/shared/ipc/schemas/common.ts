import { z } from 'zod';

/** Routes that take no arguments still take an object, so that nothing unexpected can ride along. */
export const zNoInput = z.strictObject({});
export const zImageId = z.uuid();

/**
 * A name a person gives something (a tag, a collection, a saved search): trimmed, 1 to `max` characters, well-formed
 * Unicode, and no control characters. Those are invisible or rewrite the line they are printed on, and SQLite's
 * length() stops at a NUL, so they would otherwise fail at the database's CHECK as an internal error.
 */
export const zPersonalName = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => s.isWellFormed(), 'The name is not valid text.')
    .refine((s) => !/\p{Cc}/u.test(s), 'Names cannot contain control characters.');

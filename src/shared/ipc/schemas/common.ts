import { z } from 'zod';

/** Routes that take no arguments still take an object, so that nothing unexpected can ride along. */
export const zNoInput = z.strictObject({});
export const zImageId = z.uuid();

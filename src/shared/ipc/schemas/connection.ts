import { z } from 'zod';
import { route } from '../route.ts';
import { zNoInput } from './common.ts';

/**
 * Where this Lagoon sends requests (and with them the API key). Settings shows a base URL that is not Venice's own,
 * so a developer switch or a stray override can never redirect the key unseen.
 */
const zConnection = z.strictObject({
  apiBaseUrl: z.string().max(2048),
  /** True for Venice's own API; false for any override (a local fake, a proxy, a staging server). */
  isDefault: z.boolean(),
});
export type Connection = z.infer<typeof zConnection>;

export const connectionRoutes = {
  'settings.get_connection': route({ input: zNoInput, output: zConnection }),
};

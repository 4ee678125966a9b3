import type { Handlers } from '../../../shared/ipc/contract.ts';
import { DEFAULT_API_BASE_URL } from '../../../shared/venice.ts';
import type { RequestContext } from '../ipc/router.ts';

/** The base URL the Venice client was built with (config.ts has already checked and normalised it). */
export const connectionHandlers = (deps: { apiBaseUrl?: string }): Pick<Handlers<RequestContext>, 'settings.get_connection'> => ({
  'settings.get_connection': async () => {
    const apiBaseUrl = deps.apiBaseUrl ?? DEFAULT_API_BASE_URL;
    return { apiBaseUrl, isDefault: apiBaseUrl === DEFAULT_API_BASE_URL };
  },
});

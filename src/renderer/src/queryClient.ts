import { QueryClient } from '@tanstack/react-query';

/**
 * The cache for plain lists read from main (tags, collections, saved searches). Main pushes every change as an
 * event, so an answer stays fresh until an event or an action invalidates it: no refetch on focus, reconnect or a
 * timer, and no silent retry (a failed read is shown as such; the user retries).
 */
export const createQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    },
  });

import type { AccountStatus } from '../../../shared/ipc/schemas/catalog.ts';
import { useMainState } from '../hooks/useMainState.ts';

/** Balance, today's spend, whether Venice is reachable and whether the queue holds back; null until main first answers. */
export const useAccount = (): AccountStatus | null => useMainState('account.get_status', 'account.changed');

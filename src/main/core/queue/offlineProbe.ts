import { isAppError } from '../../../shared/errors.ts';
import type { Clock } from './clock.ts';
import type { Connectivity } from './connectivity.ts';

/**
 * While Venice is unreachable, asks it something cheap every `intervalMs` until it answers, then marks the network
 * back (which resumes the waiting jobs). Any HTTP answer counts, even an error status: the network is what was down.
 */
export interface OfflineProbe {
  /** Schedules the next probe unless one is pending. */
  arm(): void;
  stop(): void;
}

export const createOfflineProbe = (deps: { clock: Clock; connectivity: Connectivity; probe(): Promise<void>; intervalMs: number }): OfflineProbe => {
  let cancel: (() => void) | null = null;
  let stopped = false;
  const arm = (): void => {
    if (cancel || stopped) return;
    cancel = deps.clock.after(deps.intervalMs, () => {
      cancel = null;
      deps.probe().then(
        () => {
          if (!stopped) deps.connectivity.markOnline();
        },
        (error: unknown) => {
          const details = isAppError(error) ? (error.details as { status?: unknown } | undefined) : undefined;
          if (typeof details?.status === 'number' && !stopped) deps.connectivity.markOnline();
          else arm();
        },
      );
    });
  };
  return {
    arm,
    stop() {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
};

/** How much of an idle period is left, as requestIdleCallback tells it. */
export interface IdleDeadline {
  timeRemaining(): number;
}

type IdleWindow = {
  requestIdleCallback?: (task: (deadline: IdleDeadline) => void, options: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
};

/** Where there is no idle callback (the unit tests' Node), a slice this long is assumed after `fallbackMs`. */
const FALLBACK_SLICE_MS = 8;

/**
 * Runs `task` when the window has nothing else to do, or after `timeoutMs` at the latest (a window that is never
 * idle still gets it); returns the cancel. Without requestIdleCallback it runs after `fallbackMs`.
 */
export const whenIdle = (task: (deadline: IdleDeadline) => void, timeoutMs: number, fallbackMs = 0): (() => void) => {
  const idle = globalThis as IdleWindow;
  if (idle.requestIdleCallback && idle.cancelIdleCallback) {
    const id = idle.requestIdleCallback(task, { timeout: timeoutMs });
    const cancel = idle.cancelIdleCallback;
    return () => cancel(id);
  }
  const id = setTimeout(() => task({ timeRemaining: () => FALLBACK_SLICE_MS }), fallbackMs);
  return () => clearTimeout(id);
};

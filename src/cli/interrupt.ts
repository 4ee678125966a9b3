/**
 * Ctrl-C, a closed terminal, `kill` and a reader that went away, handled so that nothing the user stopped is sent
 * later and nothing is left for another process to send. A command that can stop cleanly (generate, export) runs
 * inside `graceful()`: the first stop aborts its signal and the command winds down and reports; a second stop ends
 * the process at once. Any other command (a search, a list) ends at the first stop. Either way the `onForce`
 * cleanups run first (they close the library, which records honestly what a running job had reached).
 */
export type StopCause = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'EPIPE';

/** 128 + the signal number, as shells report a process a signal ended (EPIPE as SIGPIPE, 13). */
export const EXIT_FOR_STOP: Record<StopCause, number> = { SIGHUP: 129, SIGINT: 130, EPIPE: 141, SIGTERM: 143 };

export interface Interrupt {
  /** Aborted by the first stop while a graceful command runs. */
  readonly signal: AbortSignal;
  /** What stopped the run, or null. */
  cause(): StopCause | null;
  /** While `work` runs, a first stop aborts `signal` instead of ending the process. */
  graceful<T>(work: () => Promise<T>): Promise<T>;
  /** Runs (synchronously) before a forced exit; returns its removal. */
  onForce(cleanup: () => void): () => void;
}

interface InterruptHost {
  on(event: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
  exit(code: number): never;
}

export interface InterruptDeps {
  host: InterruptHost;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const installInterrupt = ({ host, stdout, stderr }: InterruptDeps): Interrupt => {
  const controller = new AbortController();
  const cleanups = new Set<() => void>();
  let cause: StopCause | null = null;
  let gracefulDepth = 0;

  const say = (text: string): void => {
    // The terminal may be gone (SIGHUP) or the pipe closed: the exit code still tells.
    try {
      stderr.write(text);
    } catch {
      // nothing more to do
    }
  };

  const force = (code: number): never => {
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // Exiting anyway: one failed cleanup must not keep the others from running.
      }
    }
    return host.exit(code);
  };

  const stop = (what: StopCause): void => {
    if (cause !== null) {
      if (what !== 'EPIPE') say('\nlagoon: stopping now.\n');
      force(EXIT_FOR_STOP[cause]);
      return;
    }
    if (gracefulDepth === 0) {
      // `lagoon list | head` closed the pipe: that is the reader's choice, not an error, and nothing is being made.
      force(what === 'EPIPE' ? 0 : EXIT_FOR_STOP[what]);
      return;
    }
    cause = what;
    if (what === 'SIGINT') say('\nlagoon: stopping: nothing more is sent. Press Ctrl-C again to quit at once.\n');
    controller.abort(what);
  };

  // After SIGHUP the terminal is gone: a note that cannot be written is no reason to crash mid-cleanup.
  stderr.on('error', () => {});
  host.on('SIGINT', () => stop('SIGINT'));
  host.on('SIGTERM', () => stop('SIGTERM'));
  host.on('SIGHUP', () => stop('SIGHUP'));
  // `lagoon … | head` closed the pipe: whatever is still being made has no reader, so it is stopped like Ctrl-C.
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (cause !== 'EPIPE') stop('EPIPE');
  });

  return {
    signal: controller.signal,
    cause: () => cause,
    async graceful(work) {
      gracefulDepth += 1;
      try {
        return await work();
      } finally {
        gracefulDepth -= 1;
      }
    },
    onForce(cleanup) {
      cleanups.add(cleanup);
      return () => void cleanups.delete(cleanup);
    },
  };
};

/**
 * The app and the CLI may have the same library open at once. Each job carries the pid of the process that queued
 * (or now runs) it; a process runs only its own jobs and those whose owner has exited, and at start recovers only
 * the `running` jobs of processes that are gone. Same host only, as SQLite's WAL mode requires anyway.
 */
export interface Ownership {
  readonly pid: number;
  /**
   * True when the owner is this process or no longer runs: this process may run the job, and a `running` one found
   * at start is stale (if its pid is ours, it is an earlier process that had the same pid).
   */
  isOwnOrAbandoned(ownerPid: number | null): boolean;
}

/** Signal 0 checks existence without touching the process; EPERM means it exists but belongs to someone else. */
export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export const createOwnership = (pid: number = process.pid, isAlive: (pid: number) => boolean = isProcessAlive): Ownership => {
  const gone = (owner: number | null): boolean => owner === null || !Number.isSafeInteger(owner) || owner <= 0 || !isAlive(owner);
  return { pid, isOwnOrAbandoned: (owner) => owner === pid || gone(owner) };
};

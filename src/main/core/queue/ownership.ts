/**
 * The app and the CLI may have the same library open at once. Each job carries the pid and the kind ('app' or
 * 'cli') of the process that queued (or now runs) it. A process runs only its own jobs; the app also resumes the
 * jobs an earlier app process left (README: the queue survives a quit or crash). A job left by a `lagoon` command
 * that is gone (killed, crashed, closed terminal) is never sent by anyone on its own: the app holds it as
 * 'interrupted' until the user says Run or Discard. Same host only, as SQLite's WAL mode requires anyway.
 */
export type OwnerKind = 'app' | 'cli';

export interface JobOwner {
  pid: number | null;
  /** null: written before owner kinds were recorded (migration 0008), so unknown. */
  kind: OwnerKind | null;
}

export interface Ownership {
  readonly pid: number;
  readonly kind: OwnerKind;
  /** This process may run, cancel, resume or recover the job. */
  mayRun(owner: JobOwner): boolean;
  /**
   * The job was left by a process that is not the app and no longer runs: only the user may send it. Meaningful for
   * the app only (the CLI never looks at other processes' jobs).
   */
  leftByGoneCommand(owner: JobOwner): boolean;
}

/** Signal 0 checks existence without touching the process; EPERM means it exists but belongs to someone else. */
const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export const createOwnership = (
  kind: OwnerKind = 'app',
  pid: number = process.pid,
  isAlive: (pid: number) => boolean = isProcessAlive,
): Ownership => {
  const gone = (owner: number | null): boolean => owner === null || !Number.isSafeInteger(owner) || owner <= 0 || !isAlive(owner);
  // A row with our pid but another kind was written by an earlier process that had the same pid: it is gone.
  const goneOrEarlier = (owner: JobOwner): boolean => owner.pid === pid || gone(owner.pid);
  if (kind === 'cli') {
    return { pid, kind, mayRun: (owner) => owner.pid === pid && owner.kind === 'cli', leftByGoneCommand: () => false };
  }
  return {
    pid,
    kind,
    mayRun: (owner) => owner.kind === 'app' && goneOrEarlier(owner),
    leftByGoneCommand: (owner) => owner.kind !== 'app' && goneOrEarlier(owner),
  };
};

import { useCallback, useMemo, useState } from 'react';
import type { Job } from '../../../../shared/ipc/schemas/jobs.ts';
import { ApiError } from '../../api.ts';
import { isFinal } from '../queue/useJobs.ts';

/** One image of a finished job, as the result panel shows it. */
export interface ShownImage {
  job: Job;
  imageId: string;
}

export interface SubmittedJobs {
  /** Remember jobs sent from this form (Generate, or Retry in the queue). */
  track: (jobs: readonly Job[]) => void;
  /** The image in the result panel: the newest finished one, unless the user picked another since. */
  shown: ShownImage | null;
  show: (shown: ShownImage) => void;
  /** The job the result panel reports progress for: a running one first, else the newest still waiting. */
  pending: Job | null;
  /** Why the most recently finished job failed or was blocked. */
  error: ApiError | null;
  dismissError: () => void;
}

const byFinish = (a: Job, b: Job): number => (b.finishedAt ?? 0) - (a.finishedAt ?? 0);

/**
 * The form's view of the queue: of all jobs (other windows, the CLI, earlier sessions), only those sent from here
 * drive the result panel; they all show in the queue list.
 */
export const useSubmittedJobs = (jobs: readonly Job[]): SubmittedJobs => {
  const [ids, setIds] = useState<readonly string[]>([]);
  const [picked, setPicked] = useState<{ shown: ShownImage; newestDoneId: string | null } | null>(null);
  const [dismissedId, setDismissedId] = useState<string | null>(null);

  const track = useCallback((added: readonly Job[]) => setIds((current) => [...current, ...added.map((j) => j.id)]), []);

  const mine = useMemo(() => {
    const wanted = new Set(ids);
    return jobs.filter((j) => wanted.has(j.id));
  }, [jobs, ids]);

  // `jobs` is newest first, so the first match is the newest submission.
  const unfinished = mine.filter((j) => !isFinal(j));
  const pending = unfinished.find((j) => j.status === 'running') ?? unfinished[0] ?? null;
  const finished = mine.filter(isFinal).toSorted(byFinish);
  const newestDone = finished.find((j) => j.status === 'done' && j.imageIds.length > 0) ?? null;
  const lastFinished = finished[0];
  const failed = lastFinished && (lastFinished.status === 'failed' || lastFinished.status === 'blocked') && lastFinished.error ? lastFinished : null;

  const newestDoneId = newestDone?.id ?? null;
  const show = useCallback((s: ShownImage) => setPicked({ shown: s, newestDoneId }), [newestDoneId]);
  // A pick holds until a newer image arrives; then the new image is what the user is waiting to see.
  const firstImage = newestDone?.imageIds[0];
  const shown = picked && picked.newestDoneId === newestDoneId ? picked.shown : newestDone && firstImage ? { job: newestDone, imageId: firstImage } : null;

  const error = useMemo(() => (failed && failed.id !== dismissedId && failed.error ? new ApiError(failed.error) : null), [failed, dismissedId]);
  const failedId = failed?.id ?? null;
  const dismissError = useCallback(() => setDismissedId(failedId), [failedId]);

  return { track, shown, show, pending, error, dismissError };
};

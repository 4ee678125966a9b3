import { useTranslation } from 'react-i18next';
import type { Job } from '../../../../shared/ipc/schemas/jobs.ts';
import { useElapsedSeconds } from '../../hooks/useSecondsClock.ts';

/** A job's state in a word (and, while it runs, how long it has been running). */
export function JobStatusChip({ job }: { job: Job }) {
  const { t } = useTranslation();
  const seconds = useElapsedSeconds(job.status === 'running' ? job.startedAt : null);
  return (
    <span className={`chip chip--${job.status}`} data-testid="queue-status">
      {(job.status === 'running' || job.status === 'queued' || job.status === 'waiting_offline') && (
        <span className={job.status === 'running' ? 'spinner chip__spinner' : 'chip__dot'} aria-hidden="true" />
      )}
      {job.status === 'running' && seconds > 0 ? t('queue.status.runningFor', { seconds }) : t(`queue.status.${job.status}`)}
    </span>
  );
}

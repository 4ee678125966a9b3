import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../../shared/ipc/schemas/jobs.ts';
import type { ModelInfo } from '../../../../shared/models.ts';
import { ApiError } from '../../api.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { JobStatusChip } from './JobStatusChip.tsx';
import { jobName } from './jobLabels.ts';
import { QueueItemActions, QueueItemMeta, QueueThumbs, RetryConfirm } from './QueueItemParts.tsx';
import type { ImagePresence } from './useGoneImages.ts';

interface Props {
  job: Job;
  models: readonly ModelInfo[];
  defaultModelName: string | null;
  busy: boolean;
  onCancel: (id: string) => void;
  onRetry: (id: string) => void;
  /** Run (true) or Discard (false) a job left by an interrupted command. */
  onDecide: (id: string, run: boolean) => void;
  onShow: (job: Job, imageId: string) => void;
  onOpenSettings: () => void;
  /** Whether each result is still in the library: a deleted one is named, never loaded. */
  presence: ImagePresence;
}

export function QueueItem({ job, models, defaultModelName, busy, onCancel, onRetry, onDecide, onShow, onOpenSettings, presence }: Props) {
  const { t } = useTranslation();
  const [confirmingRetry, setConfirmingRetry] = useState(false);
  const { request } = job;
  const requestModel = 'model' in request ? request.model : undefined;
  const modelName = requestModel
    ? (models.find((m) => m.id === requestModel)?.name ?? requestModel)
    : (defaultModelName ?? t('queue.defaultModel'));
  const showError = job.error !== null && (job.status === 'failed' || job.status === 'blocked');
  const shownIds = job.imageIds.filter((id) => presence(id) === 'present');
  const deleted = job.imageIds.filter((id) => presence(id) === 'gone').length;
  // Every button names its job for screen readers: "Retry “a red fox”", not six "Retry" in a row.
  const name = jobName(request.prompt);

  const retry = () => {
    // Retrying something that may already have been paid for is the user's call, made knowingly.
    if (job.mayHaveBeenCharged && !confirmingRetry) setConfirmingRetry(true);
    else {
      setConfirmingRetry(false);
      onRetry(job.id);
    }
  };

  return (
    <li className={`queue-item queue-item--${job.status}`} data-testid="queue-item" data-job-id={job.id} data-status={job.status}>
      <div className="queue-item__head">
        <JobStatusChip job={job} />
        <QueueItemMeta job={job} modelName={modelName} />
        <QueueItemActions job={job} name={name} busy={busy} confirmingRetry={confirmingRetry} onCancel={onCancel} onRetry={retry} onDecide={onDecide} />
      </div>
      <p className="queue-item__prompt prompt-text" dir="auto" title={request.prompt} data-testid="queue-prompt">
        {request.prompt}
      </p>
      {job.status === 'waiting_offline' && <p className="queue-item__note">{t('queue.waitingHint')}</p>}
      {job.status === 'interrupted' && (
        <p className="queue-item__note" data-testid="queue-interrupted">
          {t('queue.interruptedHint')}
        </p>
      )}
      {deleted > 0 && (
        <p className="queue-item__note" data-testid="queue-deleted">
          {deleted === job.imageIds.length ? t('queue.deletedAll', { count: deleted }) : t('queue.deletedSome', { count: deleted })}
        </p>
      )}
      {job.status === 'done' && shownIds.length > 0 && <QueueThumbs job={job} shownIds={shownIds} name={name} onShow={onShow} />}
      {showError && job.error && <ErrorMessage error={new ApiError(job.error)} testId="queue-error" onOpenSettings={onOpenSettings} compact />}
      {confirmingRetry && <RetryConfirm name={name} onRetry={retry} onKeep={() => setConfirmingRetry(false)} />}
    </li>
  );
}

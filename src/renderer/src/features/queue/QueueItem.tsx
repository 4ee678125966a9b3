import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { Job } from '../../../../shared/ipc/schemas/jobs.ts';
import type { ModelInfo } from '../../../../shared/models.ts';
import { ApiError } from '../../api.ts';
import { startDragOut } from '../../lib/dragOut.ts';
import { formatUsd } from '../../lib/format.ts';
import { isFinal } from './useJobs.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { JobStatusChip } from './JobStatusChip.tsx';
import { jobName, sizeAndFormat } from './jobLabels.ts';
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

const RETRYABLE: ReadonlySet<Job['status']> = new Set(['failed', 'blocked', 'cancelled']);

export function QueueItem({ job, models, defaultModelName, busy, onCancel, onRetry, onDecide, onShow, onOpenSettings, presence }: Props) {
  const { t, i18n } = useTranslation();
  const [confirmingRetry, setConfirmingRetry] = useState(false);
  const { request } = job;
  const requestModel = 'model' in request ? request.model : undefined;
  const modelName = requestModel
    ? (models.find((m) => m.id === requestModel)?.name ?? requestModel)
    : (defaultModelName ?? t('queue.defaultModel'));
  const count = request.endpoint === 'native' ? request.variants : 1;
  const showError = job.error !== null && (job.status === 'failed' || job.status === 'blocked');
  const output = sizeAndFormat(request);
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
        <span className="queue-item__meta">
          <span className="bidi-isolate" dir="auto">
            {modelName}
          </span>
          {' · '}
          {t(request.endpoint === 'native' ? 'queue.advanced' : 'queue.simple')}
          {count > 1 && ` · ${t('queue.images', { count })}`}
          {output && (
            <span data-testid="queue-output">
              {' · '}
              {output.size === 'auto' ? t('queue.sizeAuto') : output.size}
              {output.size ? ` · ${output.format}` : output.format}
            </span>
          )}
          {job.priceUsd !== null && job.priceUsd > 0 && ` · ${formatUsd(job.priceUsd, i18n.language)}`}
        </span>
        {job.mayHaveBeenCharged && isFinal(job) && job.status !== 'done' && (
          <span className="chip chip--charged" data-testid="queue-charged" title={t('queue.mayHaveBeenCharged')}>
            {t('queue.charged')}
            <span className="visually-hidden">{t('queue.mayHaveBeenCharged')}</span>
          </span>
        )}
        <span className="queue-item__actions">
          {job.status === 'interrupted' && (
            <>
              <button type="button" className="button button--small" data-testid="queue-run-interrupted" aria-label={t('queue.runNamed', { prompt: name })} disabled={busy} onClick={() => onDecide(job.id, true)}>
                {t('queue.runInterrupted')}
              </button>
              <button type="button" className="button button--small button--danger-ghost" data-testid="queue-discard-interrupted" aria-label={t('queue.discardNamed', { prompt: name })} disabled={busy} onClick={() => onDecide(job.id, false)}>
                {t('queue.discardInterrupted')}
              </button>
            </>
          )}
          {!isFinal(job) && job.status !== 'interrupted' && (
            <button type="button" className="button button--small button--danger-ghost" data-testid="queue-cancel" aria-label={t('queue.cancelNamed', { prompt: name })} disabled={busy} onClick={() => onCancel(job.id)}>
              {t('queue.cancel')}
            </button>
          )}
          {RETRYABLE.has(job.status) && !confirmingRetry && (
            <button type="button" className="button button--small" data-testid="queue-retry" aria-label={t('queue.retryNamed', { prompt: name })} disabled={busy} onClick={retry}>
              {t('queue.retry')}
            </button>
          )}
        </span>
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
      {job.status === 'done' && shownIds.length > 0 && (
        <ul className="queue-item__thumbs" aria-label={t('queue.imagesLabel')}>
          {shownIds.map((id) => (
            <li key={id}>
              <button
                type="button"
                className="queue-thumb"
                data-testid="queue-thumb"
                data-image-id={id}
                aria-label={t('queue.showImageNamed', { n: job.imageIds.indexOf(id) + 1, prompt: name })}
                draggable
                onDragStart={(e) => startDragOut(e, [id])}
                onClick={() => onShow(job, id)}
              >
                <img src={mediaUrl('thumb', id)} alt="" draggable={false} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {showError && job.error && <ErrorMessage error={new ApiError(job.error)} testId="queue-error" onOpenSettings={onOpenSettings} compact />}
      {confirmingRetry && (
        <div className="confirm confirm--compact" role="group" aria-label={t('queue.retryConfirmLabel')}>
          <p>{t('queue.retryConfirmText')}</p>
          <div className="confirm__actions">
            <button type="button" className="button button--danger button--small" data-testid="queue-retry-confirm" aria-label={t('queue.retryConfirmNamed', { prompt: name })} onClick={retry}>
              {t('queue.retryConfirm')}
            </button>
            <button type="button" className="button button--ghost button--small" data-testid="queue-retry-cancel" onClick={() => setConfirmingRetry(false)}>
              {t('queue.keep')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

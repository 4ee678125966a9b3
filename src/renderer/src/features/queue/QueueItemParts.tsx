import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { Job } from '../../../../shared/ipc/schemas/jobs.ts';
import { startDragOut } from '../../lib/dragOut.ts';
import { formatUsd } from '../../lib/format.ts';
import { sizeAndFormat } from './jobLabels.ts';
import { isFinal } from './useJobs.ts';

/** The pieces of one queue row (QueueItem.tsx puts them together). Every button names its job (`name`) for screen readers. */

const RETRYABLE: ReadonlySet<Job['status']> = new Set(['failed', 'blocked', 'cancelled']);

/** Model · mode · count · size and format · price, and the "may have been charged" chip of an ended job. */
export function QueueItemMeta({ job, modelName }: { job: Job; modelName: string }) {
  const { t, i18n } = useTranslation();
  const { request } = job;
  const count = request.endpoint === 'native' ? request.variants : 1;
  const output = sizeAndFormat(request);
  return (
    <>
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
    </>
  );
}

interface ActionProps {
  job: Job;
  name: string;
  busy: boolean;
  /** The retry question is open: the Retry button gives way to it. */
  confirmingRetry: boolean;
  onCancel: (id: string) => void;
  onRetry: () => void;
  onDecide: (id: string, run: boolean) => void;
}

/** Run / Discard for a job an interrupted command left, Cancel while it can be, Retry once it ended without success. */
export function QueueItemActions({ job, name, busy, confirmingRetry, onCancel, onRetry, onDecide }: ActionProps) {
  const { t } = useTranslation();
  return (
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
        <button type="button" className="button button--small" data-testid="queue-retry" aria-label={t('queue.retryNamed', { prompt: name })} disabled={busy} onClick={onRetry}>
          {t('queue.retry')}
        </button>
      )}
    </span>
  );
}

/** The job's images still in the library: open one, or drag it out. */
export function QueueThumbs({ job, shownIds, name, onShow }: { job: Job; shownIds: string[]; name: string; onShow: (job: Job, imageId: string) => void }) {
  const { t } = useTranslation();
  return (
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
  );
}

/** Retrying something that may already have been paid for is the user's call, made knowingly. */
export function RetryConfirm({ name, onRetry, onKeep }: { name: string; onRetry: () => void; onKeep: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="confirm confirm--compact" role="group" aria-label={t('queue.retryConfirmLabel')}>
      <p>{t('queue.retryConfirmText')}</p>
      <div className="confirm__actions">
        <button type="button" className="button button--danger button--small" data-testid="queue-retry-confirm" aria-label={t('queue.retryConfirmNamed', { prompt: name })} onClick={onRetry}>
          {t('queue.retryConfirm')}
        </button>
        <button type="button" className="button button--ghost button--small" data-testid="queue-retry-cancel" onClick={onKeep}>
          {t('queue.keep')}
        </button>
      </div>
    </div>
  );
}

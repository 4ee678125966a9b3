import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../../shared/ipc/schemas/jobs.ts';
import type { ModelInfo } from '../../../../shared/models.ts';
import { type ApiError, toApiError } from '../../api.ts';
import { isFinal, type JobsState } from './useJobs.ts';
import { useSecondsUntil } from '../../hooks/useSecondsClock.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { QueueItem } from './QueueItem.tsx';
import type { ImagePresence } from './useGoneImages.ts';

/** What "Cancel all" can stop: jobs waiting or running (an interrupted one waits for the user's own decision). */
const CANCELLABLE: ReadonlySet<Job['status']> = new Set(['queued', 'waiting_offline', 'running']);

interface Props {
  jobsState: JobsState;
  models: readonly ModelInfo[];
  defaultModelName: string | null;
  onShow: (job: Job, imageId: string) => void;
  onRetried: (job: Job) => void;
  onOpenSettings: () => void;
  /** Until when the queue holds back after several failed generations in a row (the circuit breaker), or null. */
  pausedUntil: number | null;
  presence: ImagePresence;
}

/** How many jobs show before "Show all": the newest are what a user is watching. */
const FIRST_PAGE = 20;

interface HeaderProps {
  summary: string;
  busy: boolean;
  /** Null hides the button: nothing has finished, or nothing can be cancelled. */
  onClearFinished: (() => void) | null;
  onCancelAll: (() => void) | null;
}

function QueueHeader({ summary, busy, onClearFinished, onCancelAll }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="queue__header">
      <h2 id="queue-title" className="queue__title">
        {t('queue.title')}
      </h2>
      <span className="queue__summary muted" data-testid="queue-summary">
        {summary}
      </span>
      <span className="queue__header-actions">
        {onClearFinished && (
          <button type="button" className="button button--small button--ghost" data-testid="queue-clear-finished" disabled={busy} onClick={onClearFinished}>
            {t('queue.clearFinished')}
          </button>
        )}
        {onCancelAll && (
          <button type="button" className="button button--small button--danger-ghost queue__cancel-all" data-testid="queue-cancel-all" disabled={busy} onClick={onCancelAll}>
            {t('queue.cancelAll')}
          </button>
        )}
      </span>
    </header>
  );
}

export function QueuePanel({ jobsState, models, defaultModelName, onShow, onRetried, onOpenSettings, pausedUntil, presence }: Props) {
  const { t } = useTranslation();
  const { jobs, loaded, error, cancel, cancelAll, retry, decideInterrupted, clearFinished } = jobsState;
  const [showAll, setShowAll] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const pausedFor = useSecondsUntil(pausedUntil);

  const active = jobs.filter((j) => !isFinal(j));
  const running = active.filter((j) => j.status === 'running').length;
  const waiting = active.length - running;
  const cancellable = jobs.some((j) => CANCELLABLE.has(j.status));
  const finished = jobs.some(isFinal);
  const visible = showAll ? jobs : jobs.slice(0, FIRST_PAGE);

  const act = async (id: string | null, action: () => Promise<unknown>) => {
    setBusyId(id ?? 'all');
    setActionError(null);
    try {
      await action();
    } catch (e) {
      setActionError(toApiError(e));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section className="panel queue" data-testid="queue" aria-labelledby="queue-title">
      <QueueHeader
        summary={active.length === 0 ? t('queue.idle') : t('queue.summary', { running, waiting })}
        busy={busyId !== null}
        onClearFinished={finished ? () => void act(null, clearFinished) : null}
        onCancelAll={cancellable ? () => void act(null, cancelAll) : null}
      />

      {pausedFor > 0 && active.length > 0 && (
        <p className="queue__paused" role="status" data-testid="queue-paused">
          {t('queue.paused', { count: pausedFor })}
        </p>
      )}
      {error && <ErrorMessage error={error} testId="queue-load-error" compact />}
      {actionError && <ErrorMessage error={actionError} testId="queue-action-error" onDismiss={() => setActionError(null)} compact />}

      {loaded && jobs.length === 0 ? (
        <p className="queue__empty muted" data-testid="queue-empty">
          {t('queue.empty')}
        </p>
      ) : (
        <ul className="queue__list">
          {visible.map((job) => (
            <QueueItem
              key={job.id}
              job={job}
              models={models}
              defaultModelName={defaultModelName}
              busy={busyId === job.id}
              onCancel={(id) => void act(id, () => cancel(id))}
              onRetry={(id) => void act(id, async () => onRetried(await retry(id)))}
              onDecide={(id, run) => void act(id, () => decideInterrupted(id, run))}
              onShow={onShow}
              onOpenSettings={onOpenSettings}
              presence={presence}
            />
          ))}
        </ul>
      )}
      {jobs.length > FIRST_PAGE && (
        <button type="button" className="link-button queue__more" data-testid="queue-show-more" onClick={() => setShowAll(!showAll)}>
          {showAll ? t('queue.showFewer') : t('queue.showAll', { count: jobs.length })}
        </button>
      )}
    </section>
  );
}

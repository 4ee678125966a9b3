import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';
import type { Job } from '../../../../shared/ipc/schemas/jobs.ts';
import { startDragOut } from '../../lib/dragOut.ts';
import { useElapsedSeconds } from '../../hooks/useSecondsClock.ts';
import { useImageDetail } from '../../hooks/useImageDetail.ts';
import type { ShownImage } from './useSubmittedJobs.ts';
import type { ImagePresence } from '../queue/useGoneImages.ts';
import { BlurredBadge } from '../../ui/BlurredBadge.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import type { ApiError } from '../../api.ts';

interface Props {
  /** The newest finished image from this form (or one picked in the queue). */
  shown: ShownImage | null;
  /** The newest job sent from this form while it is still waiting or running. */
  pending: Job | null;
  onShow: (shown: ShownImage) => void;
  /** A result deleted forever since is named as such, never loaded (no broken image). */
  presence: ImagePresence;
  /** Why the newest job from this form failed: shown where its image would have been, not under the form. */
  failure: ApiError | null;
  onDismissFailure: () => void;
  onOpenSettings: () => void;
}

function PendingOverlay({ job }: { job: Job }) {
  const { t } = useTranslation();
  const seconds = useElapsedSeconds(job.status === 'running' ? job.startedAt : null);
  const title =
    job.status === 'running'
      ? seconds > 0
        ? t('generate.busyElapsed', { seconds })
        : t('generate.busy')
      : job.status === 'waiting_offline'
        ? t('generate.busyOffline')
        : t('generate.busyQueued');
  return (
    <div className="result__busy" role="status" data-testid="generate-busy" data-status={job.status}>
      <span className="spinner spinner--large" aria-hidden="true" />
      <p className="result__busy-title">{title}</p>
      <p className="muted">{job.status === 'waiting_offline' ? t('generate.busyOfflineHint') : t('generate.busyHint')}</p>
    </div>
  );
}

/** Every image of the batch, to pick the one shown large. */
function VariantStrip({ shown, variants, onShow }: { shown: ShownImage; variants: string[]; onShow: (shown: ShownImage) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="variants" aria-label={t('generate.variantsLabel')}>
      {variants.map((id) => (
        <li key={id}>
          <button
            type="button"
            className="variants__item"
            data-testid="result-variant"
            data-image-id={id}
            aria-pressed={id === shown.imageId}
            aria-label={t('generate.variantLabel', { n: shown.job.imageIds.indexOf(id) + 1 })}
            onClick={() => onShow({ job: shown.job, imageId: id })}
          >
            <img src={mediaUrl('thumb', id)} alt="" draggable={false} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function ResultCaption({ prompt, detail, saved }: { prompt: string; detail: ImageDetail | null; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <figcaption className="result__caption">
      <p className="prompt-text result__prompt" dir="auto" data-testid="generate-result-prompt">
        {prompt}
      </p>
      <p className="result__meta">
        {detail && t('generate.resultMeta', { width: detail.width, height: detail.height, format: detail.format.toUpperCase(), model: detail.model })}
        {saved && (
          <span className="result__saved">
            {detail ? ' · ' : ''}
            {t('generate.resultSaved')}
          </span>
        )}
      </p>
    </figcaption>
  );
}

function EmptyResult() {
  const { t } = useTranslation();
  return (
    <div className="result__empty">
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <rect x="3" y="4" width="18" height="16" rx="3" />
        <circle cx="9" cy="10" r="2" />
        <path d="M21 16l-5-5-9 9" />
      </svg>
      <p>{t('generate.resultEmpty')}</p>
    </div>
  );
}

export function GenerateResult({ shown, pending, onShow, presence, failure, onDismissFailure, onOpenSettings }: Props) {
  const { t } = useTranslation();
  const state = shown ? presence(shown.imageId) : 'unknown';
  const { detail } = useImageDetail(shown && state === 'present' ? shown.imageId : null);
  const busy = pending !== null;
  const variants = (shown?.job.imageIds ?? []).filter((id) => presence(id) === 'present');

  return (
    <section className="panel result" aria-label={t('generate.resultTitle')} aria-busy={busy}>
      {failure && !busy ? (
        <div className="result__failure">
          <ErrorMessage error={failure} testId="generate-error" onOpenSettings={onOpenSettings} onDismiss={onDismissFailure} />
        </div>
      ) : shown ? (
        <figure className={busy ? 'result__figure result__figure--stale' : 'result__figure'} data-testid="generate-result" data-image-id={shown.imageId}>
          <div className="result__frame">
            {state === 'present' && (
              <img
                className="result__image"
                src={mediaUrl('image', shown.imageId)}
                alt={t('generate.resultAlt', { prompt: shown.job.request.prompt })}
                width={detail?.width}
                height={detail?.height}
                draggable
                onDragStart={(e) => startDragOut(e, [shown.imageId])}
              />
            )}
            {state === 'gone' && (
              <p className="result__deleted" data-testid="generate-result-deleted">
                {t('generate.resultDeleted')}
              </p>
            )}
            {detail?.blurred && <BlurredBadge variant="overlay" endpoint={detail.endpoint} />}
          </div>
          {variants.length > 1 && <VariantStrip shown={shown} variants={variants} onShow={onShow} />}
          <ResultCaption prompt={shown.job.request.prompt} detail={detail} saved={state === 'present'} />
        </figure>
      ) : (
        !busy && <EmptyResult />
      )}
      {pending && <PendingOverlay job={pending} />}
    </section>
  );
}

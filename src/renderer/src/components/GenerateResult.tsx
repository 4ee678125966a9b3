import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../shared/app.ts';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import { startDragOut } from '../dragOut.ts';
import { useElapsedSeconds } from '../hooks/useElapsedSeconds.ts';

interface Props {
  busySince: number | null;
  result: ImageDetail | null;
}

export function GenerateResult({ busySince, result }: Props) {
  const { t } = useTranslation();
  const seconds = useElapsedSeconds(busySince);
  const busy = busySince !== null;

  return (
    <section className="panel result" aria-label={t('generate.resultTitle')} aria-busy={busy}>
      {result ? (
        <figure className={busy ? 'result__figure result__figure--stale' : 'result__figure'} data-testid="generate-result" data-image-id={result.id}>
          <div className="result__frame">
            <img
              className="result__image"
              src={mediaUrl('image', result.id)}
              alt={t('generate.resultAlt', { prompt: result.prompt })}
              width={result.width}
              height={result.height}
              draggable
              onDragStart={(e) => startDragOut(e, result.id)}
            />
          </div>
          <figcaption className="result__caption">
            <p className="prompt-text result__prompt" dir="auto" data-testid="generate-result-prompt">
              {result.prompt}
            </p>
            <p className="result__meta">
              {t('generate.resultMeta', {
                width: result.width,
                height: result.height,
                format: result.format.toUpperCase(),
                model: result.model,
              })}
              <span className="result__saved"> · {t('generate.resultSaved')}</span>
            </p>
          </figcaption>
        </figure>
      ) : (
        !busy && (
          <div className="result__empty">
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <rect x="3" y="4" width="18" height="16" rx="3" />
              <circle cx="9" cy="10" r="2" />
              <path d="M21 16l-5-5-9 9" />
            </svg>
            <p>{t('generate.resultEmpty')}</p>
          </div>
        )
      )}
      {busy && (
        <div className="result__busy" role="status" data-testid="generate-busy">
          <span className="spinner spinner--large" aria-hidden="true" />
          <p className="result__busy-title">{seconds > 0 ? t('generate.busyElapsed', { seconds }) : t('generate.busy')}</p>
          <p className="muted">{t('generate.busyHint')}</p>
        </div>
      )}
    </section>
  );
}

import { type KeyboardEvent, type MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../shared/app.ts';
import type { ImageDetail, ImageSummary } from '../../../shared/ipc/schemas/images.ts';
import { startDragOut } from '../dragOut.ts';
import { formatUsd } from '../format.ts';
import { useImageDetail } from '../hooks/useImageDetail.ts';
import { BlurredBadge } from './BlurredBadge.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';

interface Props {
  /** What the grid already knows, shown at once while the full detail loads. */
  summary: ImageSummary;
  previousId: string | null;
  nextId: string | null;
  onNavigate: (id: string) => void;
  onClose: () => void;
  /** Fill the matching form with this image's exact request and go to Generate. */
  onReuse: (image: ImageDetail) => void;
}

export function ImageViewer({ summary, previousId, nextId, onNavigate, onClose, onReuse }: Props) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const { detail, error } = useImageDetail(summary.id);

  // A modal <dialog> gives focus trapping, Escape and inertness of the page behind it for free.
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    // Start on Close rather than on whatever control comes first (the "previous" arrow): Enter/Space then do the obvious.
    closeButton.current?.focus();
  }, []);

  const close = () => dialog.current?.close();
  const onBackdropClick = (e: MouseEvent<HTMLDialogElement>) => {
    if (e.target === e.currentTarget) close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'ArrowLeft' && previousId) onNavigate(previousId);
    if (e.key === 'ArrowRight' && nextId) onNavigate(nextId);
  };

  // The list's summary shows at once; images.get's answer (the library's full record) replaces it when it arrives.
  const info: ImageSummary = detail ?? summary;
  const created = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(info.createdAt));
  const bytes = detail ? formatBytes(detail.byteSize, i18n.language) : null;
  const seed = detail && typeof detail.request.seed === 'number' ? detail.request.seed : null;
  const reuse = () => {
    if (!detail) return;
    onReuse(detail);
    close();
  };

  return (
    <dialog
      ref={dialog}
      className="viewer"
      data-testid="viewer"
      data-image-id={summary.id}
      aria-label={t('viewer.label')}
      onClose={onClose}
      onClick={onBackdropClick}
      onKeyDown={onKeyDown}
    >
      <div className="viewer__layout">
        <div className="viewer__stage">
          <img
            className="viewer__image"
            src={mediaUrl('image', summary.id)}
            alt={t('viewer.imageAlt', { prompt: summary.prompt })}
            width={summary.width}
            height={summary.height}
            title={t('viewer.dragHint')}
            draggable
            onDragStart={(e) => startDragOut(e, summary.id)}
          />
          {previousId && (
            <button type="button" className="viewer__nav viewer__nav--prev" aria-label={t('viewer.previous')} onClick={() => onNavigate(previousId)}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M15 5l-7 7 7 7" />
              </svg>
            </button>
          )}
          {nextId && (
            <button type="button" className="viewer__nav viewer__nav--next" aria-label={t('viewer.next')} onClick={() => onNavigate(nextId)}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M9 5l7 7-7 7" />
              </svg>
            </button>
          )}
        </div>
        <aside className="viewer__side">
          <button ref={closeButton} type="button" className="icon-button viewer__close" data-testid="viewer-close" aria-label={t('viewer.close')} onClick={close}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
          <h2 className="viewer__heading">{t('viewer.prompt')}</h2>
          <p className="prompt-text viewer__prompt" dir="auto" data-testid="viewer-prompt">
            {info.prompt}
          </p>
          {info.blurred && <BlurredBadge variant="notice" endpoint={detail?.endpoint} />}
          <button type="button" className="button button--primary viewer__reuse" data-testid="viewer-reuse" disabled={!detail || detail.endpoint === 'import'} onClick={reuse}>
            {t('viewer.reuse')}
          </button>
          <h2 className="viewer__heading">{t('viewer.details')}</h2>
          <dl className="details" data-testid="viewer-details">
            <dt>{t('viewer.model')}</dt>
            <dd dir="auto" className="bidi-isolate" data-testid="viewer-model">
              {info.model}
            </dd>
            <dt>{t('viewer.size')}</dt>
            <dd data-testid="viewer-size">{t('viewer.sizeValue', { width: info.width, height: info.height })}</dd>
            <dt>{t('viewer.format')}</dt>
            <dd data-testid="viewer-format">{info.format.toUpperCase()}</dd>
            <dt>{t('viewer.created')}</dt>
            <dd>
              <time dateTime={new Date(info.createdAt).toISOString()}>{created}</time>
            </dd>
            {detail && (
              <>
                <dt>{t('viewer.route')}</dt>
                <dd data-testid="viewer-route">{t(detail.endpoint === 'native' ? 'viewer.routeNative' : 'viewer.routeOpenAi')}</dd>
              </>
            )}
            {seed !== null && (
              <>
                <dt>{t('viewer.seed')}</dt>
                <dd data-testid="viewer-seed">{seed}</dd>
              </>
            )}
            {detail?.priceUsd != null && (
              <>
                <dt>{t('viewer.price')}</dt>
                <dd data-testid="viewer-price">{formatUsd(detail.priceUsd, i18n.language)}</dd>
              </>
            )}
            <dt>{t('viewer.fileSize')}</dt>
            <dd data-testid="viewer-bytes">{bytes ?? (error ? '—' : t('viewer.loading'))}</dd>
          </dl>
          {error && <ErrorMessage error={error} testId="viewer-error" />}
          <p className="viewer__hint muted">{t('viewer.dragHint')}</p>
        </aside>
      </div>
    </dialog>
  );
}

const formatBytes = (n: number, locale: string): string => {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
};

import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../shared/errors.ts';
import type { ApiError } from '../api.ts';

/** Codes a user fixes in Settings: the message offers a way there. */
const SETTINGS_CODES: ReadonlySet<ErrorCode> = new Set(['AUTH_REJECTED', 'KEY_MISSING', 'KEY_INVALID_FORMAT']);

interface Props {
  error: ApiError;
  testId?: string;
  onOpenSettings?: () => void;
  onDismiss?: () => void;
  /** Smaller, for lists (the queue) and notes under a field. */
  compact?: boolean;
}

/**
 * The words come from the catalog by code, never from the message (which is English and meant for logs), except
 * Venice's own 400 text, which is the only place that says what it disliked; it is rendered as plain text.
 */
export function ErrorMessage({ error, testId, onOpenSettings, onDismiss, compact = false }: Props) {
  const { t, i18n } = useTranslation();
  const key = `errors.${error.code}`;
  const text = i18n.exists(key) ? t(key) : t('errors.unknown');
  const upstreamText = error.code === 'UPSTREAM_BAD_REQUEST' ? error.message.trim() : '';

  return (
    <div className={compact ? 'error-message error-message--compact' : 'error-message'} role={compact ? 'status' : 'alert'} data-testid={testId} data-error-code={error.code}>
      <svg className="error-message__icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="10" />
        <path d="M12 7v6M12 16.5v.5" />
      </svg>
      <div className="error-message__body">
        <p className="error-message__text">{text}</p>
        {upstreamText && (
          <p className="error-message__upstream">
            <span className="error-message__upstream-label">{t('errors.veniceSaid')}</span>{' '}
            <q dir="auto" className="bidi-isolate">
              {upstreamText}
            </q>
          </p>
        )}
        {(onOpenSettings && SETTINGS_CODES.has(error.code)) || onDismiss ? (
          <div className="error-message__actions">
            {onOpenSettings && SETTINGS_CODES.has(error.code) && (
              <button type="button" className="button button--primary button--small" onClick={onOpenSettings}>
                {t('errors.openSettings')}
              </button>
            )}
            {onDismiss && (
              <button type="button" className="button button--ghost button--small" onClick={onDismiss}>
                {t('errors.dismiss')}
              </button>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}

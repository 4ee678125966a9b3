import { useTranslation } from 'react-i18next';
import { formatCount, formatDuration, numberFormat } from '../../lib/format.ts';
import type { Transfers } from './useTransfers.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

/** Progress of an export or import, then what came of it; it sits in the window's corner whatever the view. */
export function TransferStatus({ transfers }: { transfers: Transfers }) {
  const { t, i18n } = useTranslation();
  const { progress, outcome, error } = transfers;
  if (!progress && !outcome && !(error && !transfers.busy)) return null;

  return (
    <div className="transfer" aria-live="polite">
      {progress && (
        <div className="transfer__card" data-testid="transfer-progress" data-operation={progress.operation} data-done={progress.done} data-total={progress.total}>
          <p>
            <span className="spinner" aria-hidden="true" />{' '}
            {progress.total > 0
              ? t(`transfer.${progress.operation}Progress`, { done: formatCount(progress.done, i18n.language), total: formatCount(progress.total, i18n.language) })
              : t(`transfer.${progress.operation}Waiting`)}
          </p>
          <progress className="transfer__bar" max={Math.max(1, progress.total)} value={progress.total > 0 ? progress.done : undefined} />
          {progress.perSecond !== null && progress.remainingMs !== null && (
            <p className="muted" data-testid="transfer-rate">
              {t('transfer.rate', {
                rate: numberFormat(i18n.language, { maximumFractionDigits: 1 }).format(progress.perSecond),
                left: formatDuration(progress.remainingMs, i18n.language),
              })}
            </p>
          )}
          {progress.operation === 'import' && (
            <button type="button" className="button button--ghost button--small" data-testid="transfer-cancel" disabled={transfers.cancelling} onClick={transfers.cancelImport}>
              {transfers.cancelling ? t('transfer.cancelling') : t('transfer.cancel')}
            </button>
          )}
        </div>
      )}
      {outcome && (
        <div
          className="transfer__card"
          data-testid="transfer-result"
          data-operation={outcome.operation}
          data-done={outcome.done}
          data-skipped={outcome.skipped}
          data-failed={outcome.failed.length}
          data-cancelled={outcome.cancelled}
          data-not-started={outcome.notStarted}
        >
          {outcome.cancelled && <p data-testid="transfer-cancelled">{t('transfer.importCancelled', { count: outcome.notStarted, formatted: formatCount(outcome.notStarted, i18n.language) })}</p>}
          <p>{t(`transfer.${outcome.operation}Done`, { count: outcome.done, formatted: formatCount(outcome.done, i18n.language) })}</p>
          {outcome.skipped > 0 && <p className="muted">{t(`transfer.${outcome.operation}Skipped`, { count: outcome.skipped, formatted: formatCount(outcome.skipped, i18n.language) })}</p>}
          {outcome.ignored > 0 && <p className="muted">{t('transfer.ignored', { count: outcome.ignored, formatted: formatCount(outcome.ignored, i18n.language) })}</p>}
          {outcome.failed.length > 0 && (
            <details className="transfer__failed">
              <summary>{t('transfer.failed', { count: outcome.failed.length, formatted: formatCount(outcome.failed.length, i18n.language) })}</summary>
              <ul>
                {outcome.failed.slice(0, 50).map((f, i) => (
                  // oxlint-disable-next-line react/no-array-index-key -- names may repeat; the list never reorders
                  <li key={i}>
                    <span className="bidi-isolate" dir="auto">
                      {f.name ?? '—'}
                    </span>
                    {': '}
                    {f.reason ? t(`transfer.reason.${f.reason}`) : f.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <button type="button" className="button button--ghost button--small" data-testid="transfer-dismiss" onClick={transfers.dismiss}>
            {t('errors.dismiss')}
          </button>
        </div>
      )}
      {error && !transfers.busy && !outcome && <ErrorMessage error={error} testId="transfer-error" onDismiss={transfers.dismiss} />}
    </div>
  );
}

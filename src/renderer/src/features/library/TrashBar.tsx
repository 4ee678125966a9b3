import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format.ts';

interface Props {
  retentionDays: number | null;
  count: number | null;
  onEmpty: () => Promise<number | null>;
}

/** The trash's own header: how long things stay, and "empty trash" behind a confirmation. */
export function TrashBar({ retentionDays, count, onEmpty }: Props) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [purged, setPurged] = useState<number | null>(null);

  const empty = async () => {
    setBusy(true);
    const n = await onEmpty();
    setBusy(false);
    setConfirming(false);
    setPurged(n);
  };

  return (
    <div className="trash-bar" data-testid="trash-bar">
      <p className="trash-bar__note" data-testid="trash-retention">
        {retentionDays === null ? t('trash.noteUnknown') : t('trash.note', { count: retentionDays })}
      </p>
      {purged !== null && (
        <p className="feedback" role="status" data-testid="trash-emptied">
          {t('trash.emptied', { count: purged, formatted: formatCount(purged, i18n.language) })}
        </p>
      )}
      {confirming ? (
        <div className="confirm confirm--inline" role="group" aria-labelledby="trash-confirm-text">
          <p id="trash-confirm-text">{t('trash.confirmText', { count: count ?? 0, formatted: formatCount(count ?? 0, i18n.language) })}</p>
          <div className="confirm__actions">
            <button type="button" className="button button--danger button--small" data-testid="trash-empty-confirm" disabled={busy} onClick={() => void empty()}>
              {t('trash.confirm')}
            </button>
            <button type="button" className="button button--ghost button--small" data-testid="trash-empty-cancel" disabled={busy} onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--danger-ghost button--small" data-testid="trash-empty" disabled={count === 0} onClick={() => setConfirming(true)}>
          {t('trash.empty')}
        </button>
      )}
    </div>
  );
}

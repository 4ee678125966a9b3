import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfoView } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { backupLabel } from './backupLabel.ts';

/**
 * "Restore" for one backup, behind a confirmation that says what happens: the current database is moved aside (not
 * deleted), images made since are added back from their files, and Lagoon restarts to do it.
 */
export function RestoreConfirm({ backup, testId }: { backup: BackupInfoView; testId: string }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ relaunching: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await call('library.restore_backup', { name: backup.name }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  if (done) {
    return (
      <p className="feedback" role="status" data-testid={`${testId}-done`}>
        {done.relaunching ? t('backups.restarting') : t('backups.restartToFinish')}
      </p>
    );
  }
  return (
    <>
      {confirming ? (
        <div className="confirm confirm--inline" role="group" aria-label={t('backups.restore')}>
          <p>{t('backups.confirmText', { backup: backupLabel(backup, t, i18n.language) })}</p>
          <div className="confirm__actions">
            <button type="button" className="button button--danger button--small" data-testid={`${testId}-confirm`} disabled={busy} onClick={() => void restore()}>
              {t('backups.confirm')}
            </button>
            <button type="button" className="button button--ghost button--small" disabled={busy} onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--small" data-testid={testId} disabled={!backup.ok} onClick={() => setConfirming(true)}>
          {t('backups.restore')}
        </button>
      )}
      {error && <ErrorMessage error={error} />}
    </>
  );
}

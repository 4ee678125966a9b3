import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, call, toApiError } from '../../api.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { BackupList } from './BackupList.tsx';

interface Backup {
  name: string;
  at: number;
  kept: number;
}

interface Integrity {
  ok: boolean;
  result: string;
}

const inRange = (s: string, min: number, max: number): number | null => {
  const n = Number(s.trim());
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** Trash retention, backups to keep, "Back up now", "Check library" and the backups (each can be restored). */
export function LibrarySettings() {
  const { t, i18n } = useTranslation();
  const [retention, setRetention] = useState('');
  const [backups, setBackups] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState<'save' | 'backup' | 'check' | null>(null);
  const [backup, setBackup] = useState<Backup | null>(null);
  const [integrity, setIntegrity] = useState<Integrity | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    call('settings.get_preferences', {}).then(
      (p) => {
        setRetention(String(p.trashRetentionDays));
        setBackups(String(p.backupsToKeep));
      },
      (e: unknown) => setError(toApiError(e)),
    );
  }, []);

  const retentionDays = inRange(retention, 1, 3650);
  const backupsToKeep = inRange(backups, 1, 100);

  const run = async <T,>(kind: 'save' | 'backup' | 'check', action: () => Promise<T>, done: (r: T) => void) => {
    setBusy(kind);
    setError(null);
    try {
      done(await action());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (retentionDays === null || backupsToKeep === null) return;
    setSaved(false);
    void run('save', () => call('settings.set_library_prefs', { trashRetentionDays: retentionDays, backupsToKeep }), (p) => {
      setRetention(String(p.trashRetentionDays));
      setBackups(String(p.backupsToKeep));
      setSaved(true);
    });
  };

  return (
    <section className="panel settings-section" aria-labelledby="library-settings-title">
      <h2 id="library-settings-title" className="settings-section__title">
        {t('librarySettings.title')}
      </h2>
      <form className="settings-grid" onSubmit={save} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="retention-input">
            {t('librarySettings.retention')}
          </label>
          <input id="retention-input" className="input input--number" data-testid="retention-input" inputMode="numeric" value={retention} aria-invalid={retention !== '' && retentionDays === null} onChange={(e) => setRetention(e.target.value)} />
          <p className="field__help">{t('librarySettings.retentionHelp')}</p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="backups-input">
            {t('librarySettings.backups')}
          </label>
          <input id="backups-input" className="input input--number" data-testid="backups-input" inputMode="numeric" value={backups} aria-invalid={backups !== '' && backupsToKeep === null} onChange={(e) => setBackups(e.target.value)} />
          <p className="field__help">{t('librarySettings.backupsHelp')}</p>
        </div>
        <div className="settings-grid__actions">
          <button type="submit" className="button button--primary button--small" data-testid="library-prefs-save" disabled={busy !== null || retentionDays === null || backupsToKeep === null}>
            {t('common.save')}
          </button>
          {saved && (
            <span className="feedback" role="status" data-testid="library-prefs-saved">
              {t('librarySettings.saved')}
            </span>
          )}
        </div>
      </form>

      <div className="settings-actions">
        <button type="button" className="button button--small" data-testid="backup-now" disabled={busy !== null} onClick={() => void run('backup', () => call('library.backup_now', {}), setBackup)}>
          {busy === 'backup' ? t('librarySettings.backingUp') : t('librarySettings.backupNow')}
        </button>
        <button type="button" className="button button--small" data-testid="check-library" disabled={busy !== null} onClick={() => void run('check', () => call('library.check_integrity', {}), setIntegrity)}>
          {busy === 'check' ? t('librarySettings.checking') : t('librarySettings.check')}
        </button>
      </div>
      {backup && (
        <p className="feedback" role="status" data-testid="backup-result">
          {t('librarySettings.backupDone', {
            name: backup.name,
            date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(backup.at)),
            count: backup.kept,
          })}
        </p>
      )}
      {integrity && (
        <div className={integrity.ok ? 'integrity integrity--ok' : 'integrity integrity--bad'} role="status" data-testid="check-result" data-ok={integrity.ok}>
          <p>{integrity.ok ? t('librarySettings.checkOk') : t('librarySettings.checkBad')}</p>
          {!integrity.ok && <pre className="integrity__details">{integrity.result}</pre>}
        </div>
      )}
      {error && <ErrorMessage error={error} testId="library-settings-error" />}
      <BackupList key={backup?.at ?? 0} />
    </section>
  );
}

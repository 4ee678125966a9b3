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

/** A whole number typed by the user; `valid` says whether it is within its bounds (checked by the caller). */
function NumberField(props: { id: string; label: string; help: string; value: string; valid: boolean; onChange: (value: string) => void }) {
  const { id, value } = props;
  return (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-input`}>
        {props.label}
      </label>
      <input id={`${id}-input`} className="input input--number" data-testid={`${id}-input`} inputMode="numeric" value={value} aria-invalid={value !== '' && !props.valid} onChange={(e) => props.onChange(e.target.value)} />
      <p className="field__help">{props.help}</p>
    </div>
  );
}

function BackupDone({ backup }: { backup: Backup }) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(backup.at));
  return (
    <p className="feedback" role="status" data-testid="backup-result">
      {t('librarySettings.backupDone', { name: backup.name, date, count: backup.kept })}
    </p>
  );
}

function IntegrityResult({ integrity }: { integrity: Integrity }) {
  const { t } = useTranslation();
  return (
    <div className={integrity.ok ? 'integrity integrity--ok' : 'integrity integrity--bad'} role="status" data-testid="check-result" data-ok={integrity.ok}>
      <p>{integrity.ok ? t('librarySettings.checkOk') : t('librarySettings.checkBad')}</p>
      {!integrity.ok && <pre className="integrity__details">{integrity.result}</pre>}
    </div>
  );
}

/** Trash retention, backups to keep, "Back up now", "Check library" and the backups (each can be restored). */
export function LibrarySettings() {
  const { t } = useTranslation();
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
        <NumberField id="retention" label={t('librarySettings.retention')} help={t('librarySettings.retentionHelp')} value={retention} valid={retentionDays !== null} onChange={setRetention} />
        <NumberField id="backups" label={t('librarySettings.backups')} help={t('librarySettings.backupsHelp')} value={backups} valid={backupsToKeep !== null} onChange={setBackups} />
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
      {backup && <BackupDone backup={backup} />}
      {integrity && <IntegrityResult integrity={integrity} />}
      {error && <ErrorMessage error={error} testId="library-settings-error" />}
      <BackupList key={backup?.at ?? 0} />
    </section>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, toApiError } from '../../api.ts';
import { useBusyCall } from '../../hooks/useBusyCall.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { BackupList } from './BackupList.tsx';
import { SettingsNumberField, SettingsSaveRow, SettingsSection } from './SettingsParts.tsx';
import { dateFormat } from '../../lib/format.ts';

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

function BackupDone({ backup }: { backup: Backup }) {
  const { t, i18n } = useTranslation();
  const date = dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(backup.at));
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
export function LibrarySettings({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const [retention, setRetention] = useState('');
  const [backups, setBackups] = useState('');
  const [saved, setSaved] = useState(false);
  const [backup, setBackup] = useState<Backup | null>(null);
  const [integrity, setIntegrity] = useState<Integrity | null>(null);
  const { busy, error, setError, run } = useBusyCall<'save' | 'backup' | 'check'>();

  useEffect(() => {
    call('settings.get_preferences', {}).then(
      (p) => {
        setRetention(String(p.trashRetentionDays));
        setBackups(String(p.backupsToKeep));
      },
      (e: unknown) => setError(toApiError(e)),
    );
  }, [setError]);

  const retentionDays = inRange(retention, 1, 3650);
  const backupsToKeep = inRange(backups, 1, 100);

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
    <SettingsSection id="library-settings-title" title={t('librarySettings.title')}>
      <form className="settings-grid" onSubmit={save} noValidate>
        <SettingsNumberField id="retention" label={t('librarySettings.retention')} help={t('librarySettings.retentionHelp')} inputMode="numeric" value={retention} valid={retentionDays !== null} onChange={setRetention} />
        <SettingsNumberField id="backups" label={t('librarySettings.backups')} help={t('librarySettings.backupsHelp')} inputMode="numeric" value={backups} valid={backupsToKeep !== null} onChange={setBackups} />
        <SettingsSaveRow
          testId="library-prefs-save"
          savedTestId="library-prefs-saved"
          disabled={busy !== null || retentionDays === null || backupsToKeep === null}
          savedText={saved ? t('librarySettings.saved') : null}
        />
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
      <BackupList key={backup?.at ?? 0} shown={active} />
    </SettingsSection>
  );
}

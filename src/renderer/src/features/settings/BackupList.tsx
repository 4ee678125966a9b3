import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { backupLabel } from './backupLabel.ts';
import { RestoreConfirm } from './RestoreConfirm.tsx';
import { useBackups } from './useBackups.ts';

/**
 * Settings → Library: every backup with its date, size and image count; a healthy one can be restored. (Keyed by
 * the newest backup taken here, so a new one shows at once.)
 */
export function BackupList({ shown }: { shown: boolean }) {
  const { t, i18n } = useTranslation();
  // Settings is mounted with the window, hidden: the list is asked for once it is shown. (Not by measuring the list:
  // reading its width in the window's first render forced a layout of the whole page there, some 40 ms when cold.)
  const { backups, error } = useBackups(shown);
  return (
    <div className="backup-list" data-testid="backup-list">
      <h3 className="settings-section__subtitle">{t('backups.title')}</h3>
      {error && <ErrorMessage error={error} />}
      {backups?.length === 0 && <p className="field__help">{t('backups.none')}</p>}
      <ul className="backup-list__items">
        {backups?.map((b) => (
          <li key={b.name} className="backup-list__item" data-testid="backup-item" data-name={b.name} data-ok={b.ok}>
            <span>{backupLabel(b, t, i18n.language)}</span>
            {b.ok ? <RestoreConfirm backup={b} testId="backup-restore" /> : <span className="backup-list__bad">{t('backups.damaged')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

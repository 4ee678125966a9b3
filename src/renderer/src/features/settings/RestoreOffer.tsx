import { useTranslation } from 'react-i18next';
import { backupLabel } from './backupLabel.ts';
import { RestoreConfirm } from './RestoreConfirm.tsx';
import { useBackups } from './useBackups.ts';

/** For the launch notice of a damaged library: the newest backup that passes its check, ready to restore. */
export function RestoreOffer() {
  const { t, i18n } = useTranslation();
  const { backups } = useBackups();
  if (backups === null) return null;
  const sound = backups.find((b) => b.ok);
  if (!sound) return <p data-testid="library-health-no-backup">{t('backups.noSound')}</p>;
  return (
    <div className="health-notice__restore" data-testid="library-health-restore-offer" data-name={sound.name}>
      <p>{t('backups.offer', { backup: backupLabel(sound, t, i18n.language) })}</p>
      <RestoreConfirm backup={sound} testId="library-health-restore" />
    </div>
  );
}

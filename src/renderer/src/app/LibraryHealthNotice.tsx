import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format.ts';
import { RestoreOffer } from '../features/settings/RestoreOffer.tsx';
import { useLibraryHealth } from './useLibraryHealth.ts';

/**
 * Tells the user what the launch check did that they must know about: a database that failed quick_check (keep the
 * details; restore the newest healthy backup), or image files without a record moved to quarantine/ (they can be
 * imported back).
 */
export function LibraryHealthNotice() {
  const { t, i18n } = useTranslation();
  const health = useLibraryHealth();
  const [dismissed, setDismissed] = useState(false);
  if (health === null || dismissed) return null;
  const damaged = health.state === 'damaged';
  const quarantined = health.orphansQuarantined;
  if (!damaged && quarantined === 0) return null;
  return (
    <div className={`health-notice${damaged ? ' health-notice--damaged' : ''}`} role={damaged ? 'alert' : 'status'} data-testid="library-health" data-state={health.state}>
      {damaged && (
        <>
          <p className="health-notice__title">{t('health.damagedTitle')}</p>
          <p>{t('health.damaged')}</p>
          {health.details && <pre className="integrity__details">{health.details}</pre>}
          <RestoreOffer />
        </>
      )}
      {quarantined > 0 && <p data-testid="library-health-quarantined">{t('health.quarantined', { count: quarantined, formatted: formatCount(quarantined, i18n.language) })}</p>}
      <button type="button" className="button button--ghost button--small" data-testid="library-health-dismiss" onClick={() => setDismissed(true)}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}

import { useTranslation } from 'react-i18next';

/** Shown while files are dragged over the window: letting go imports them. */
export function DropOverlay() {
  const { t } = useTranslation();
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__card">
        <svg viewBox="0 0 24 24">
          <path d="M12 4v11M7 10l5 5 5-5M5 19h14" />
        </svg>
        <p className="drop-overlay__title">{t('transfer.dropTitle')}</p>
        <p className="muted">{t('transfer.dropHint')}</p>
      </div>
    </div>
  );
}

import { useTranslation } from 'react-i18next';

export function NoKeyNotice({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel notice" data-testid="no-key-notice" aria-labelledby="no-key-title">
      <svg className="notice__icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="8" cy="15" r="4" />
        <path d="M11 12l8-8M16 7l3 3M14 9l2 2" />
      </svg>
      <h2 id="no-key-title" className="notice__title">
        {t('noKey.title')}
      </h2>
      <p className="notice__body">{t('noKey.body')}</p>
      <ol className="notice__steps">
        <li>{t('noKey.step1')}</li>
        <li>{t('noKey.step2')}</li>
        <li>{t('noKey.step3')}</li>
      </ol>
      <div className="notice__actions">
        <button type="button" className="button button--primary" data-testid="no-key-open-settings" onClick={onOpenSettings}>
          {t('noKey.action')}
        </button>
        <span className="muted">{t('noKey.libraryNote')}</span>
      </div>
    </section>
  );
}

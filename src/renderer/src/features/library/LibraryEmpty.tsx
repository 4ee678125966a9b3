import { useTranslation } from 'react-i18next';

interface Props {
  kind: 'library' | 'noResults' | 'trash';
  onGoToGenerate: () => void;
  onClear: () => void;
}

/** Nothing to show: a new library, a search that found nothing, or an empty trash, each with its way forward. */
export function LibraryEmpty({ kind, onGoToGenerate, onClear }: Props) {
  const { t } = useTranslation();
  const testId = kind === 'library' ? 'library-empty' : kind === 'trash' ? 'trash-empty-state' : 'no-results';
  return (
    <div className="panel empty" data-testid={testId}>
      <svg className="empty__icon" viewBox="0 0 24 24" aria-hidden="true">
        {kind === 'noResults' ? (
          <>
            <circle cx="11" cy="11" r="6" />
            <path d="M20 20l-4.5-4.5" />
          </>
        ) : (
          <>
            <rect x="3" y="4" width="18" height="16" rx="3" />
            <circle cx="9" cy="10" r="2" />
            <path d="M21 16l-5-5-9 9" />
          </>
        )}
      </svg>
      <p>{t(`library.empty.${kind}`)}</p>
      {kind === 'library' && (
        <button type="button" className="button button--primary" onClick={onGoToGenerate}>
          {t('library.emptyAction')}
        </button>
      )}
      {kind === 'noResults' && (
        <button type="button" className="button" data-testid="clear-search" onClick={onClear}>
          {t('library.clearSearch')}
        </button>
      )}
    </div>
  );
}

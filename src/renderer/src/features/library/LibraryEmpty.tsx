import { useTranslation } from 'react-i18next';
import { parseSearch } from '../../../../shared/searchSyntax.ts';

interface Props {
  kind: 'library' | 'noResults' | 'trash';
  /** What the search box holds: a search for symbols alone is told why it found nothing. */
  searchText?: string;
  onGoToGenerate: () => void;
  onClear: () => void;
}

/** Nothing to show: a new library, a search that found nothing, or an empty trash, each with its way forward. */
export function LibraryEmpty({ kind, searchText = '', onGoToGenerate, onClear }: Props) {
  const { t } = useTranslation();
  const symbolsOnly = kind === 'noResults' && parseSearch(searchText).symbolsOnly;
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
      {symbolsOnly ? (
        <p data-testid="search-symbols-only">{t('library.empty.symbolsOnly', { text: searchText.trim() })}</p>
      ) : (
        <p>{t(`library.empty.${kind}`)}</p>
      )}
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

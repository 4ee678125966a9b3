import { useTranslation } from 'react-i18next';
import type { SavedSearch } from '../../../../shared/ipc/schemas/library.ts';

interface Props {
  activeSearchId: string | null;
  searches: readonly SavedSearch[];
  onOpenSearch: (search: SavedSearch) => void;
  onDeleteSearch: (id: string) => void;
}

/** Saved searches ("smart collections"): a named query, run afresh when opened. */
export function SavedSearchList(props: Props) {
  const { t } = useTranslation();
  const { activeSearchId } = props;
  return (
    <>
      <div className="lib-nav__section">
        <h2 className="lib-nav__heading">{t('libraryNav.searches')}</h2>
      </div>
      <ul className="lib-nav__list">
        {props.searches.length === 0 && <li className="lib-nav__empty muted">{t('libraryNav.noSearches')}</li>}
        {props.searches.map((s) => (
          <li key={s.id} className="lib-nav__row" data-testid="saved-search-item" data-search-id={s.id}>
            <button type="button" className="nav-item lib-nav__item" aria-current={activeSearchId === s.id ? 'page' : undefined} onClick={() => props.onOpenSearch(s)}>
              <svg className="lib-nav__icon" viewBox="0 0 24 24" aria-hidden="true">
                <circle cx="11" cy="11" r="6" />
                <path d="M20 20l-4.5-4.5" />
              </svg>
              <span className="lib-nav__name bidi-isolate" dir="auto">
                {s.name}
              </span>
            </button>
            <span className="lib-nav__tools">
              <button type="button" className="icon-button icon-button--small" data-testid="saved-search-delete" aria-label={t('libraryNav.deleteNamed', { name: s.name })} title={t('libraryNav.deleteSearch')} onClick={() => props.onDeleteSearch(s.id)}>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M6 6l12 12M18 6L6 18" />
                </svg>
              </button>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

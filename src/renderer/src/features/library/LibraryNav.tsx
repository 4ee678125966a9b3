import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection, SavedSearch } from '../../../../shared/ipc/schemas/library.ts';
import type { Scope } from './query.ts';
import { NameForm } from './NameForm.tsx';

interface Props {
  scope: Scope;
  activeSearchId: string | null;
  onScope: (scope: Scope) => void;
  collections: readonly Collection[];
  onCreateCollection: (name: string) => Promise<unknown>;
  onRenameCollection: (id: string, name: string) => Promise<boolean>;
  onDeleteCollection: (id: string) => Promise<boolean>;
  searches: readonly SavedSearch[];
  onOpenSearch: (search: SavedSearch) => void;
  onDeleteSearch: (id: string) => void;
}

const isCollection = (scope: Scope, id: string) => scope.kind === 'collection' && scope.id === id;

/** All images, Favorites, Trash, the user's collections and saved searches ("smart collections"). */
export function LibraryNav(props: Props) {
  const { t } = useTranslation();
  const { scope, activeSearchId } = props;
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const fixed = [
    { kind: 'all', testId: 'lib-nav-all', label: t('libraryNav.all') },
    { kind: 'favorites', testId: 'lib-nav-favorites', label: t('libraryNav.favorites') },
    { kind: 'trash', testId: 'lib-nav-trash', label: t('libraryNav.trash') },
  ] as const;

  return (
    <nav className="lib-nav" aria-label={t('libraryNav.label')}>
      <ul className="lib-nav__list">
        {fixed.map((f) => (
          <li key={f.kind}>
            <button
              type="button"
              className="lib-nav__item"
              data-testid={f.testId}
              aria-current={scope.kind === f.kind && activeSearchId === null ? 'page' : undefined}
              onClick={() => props.onScope({ kind: f.kind })}
            >
              {f.label}
            </button>
          </li>
        ))}
      </ul>

      <div className="lib-nav__section">
        <h2 className="lib-nav__heading">{t('libraryNav.collections')}</h2>
        <button type="button" className="icon-button lib-nav__add" data-testid="collection-create" aria-label={t('libraryNav.newCollection')} title={t('libraryNav.newCollection')} onClick={() => setCreating(true)}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 5v14M5 12h14" />
          </svg>
        </button>
      </div>
      {creating && (
        <NameForm
          testId="collection-name-input"
          label={t('libraryNav.newCollection')}
          initial=""
          onCancel={() => setCreating(false)}
          onSubmit={async (name) => {
            await props.onCreateCollection(name);
            setCreating(false);
          }}
        />
      )}
      <ul className="lib-nav__list">
        {props.collections.length === 0 && !creating && <li className="lib-nav__empty muted">{t('libraryNav.noCollections')}</li>}
        {props.collections.map((c) =>
          renaming === c.id ? (
            <li key={c.id}>
              <NameForm
                testId="collection-name-input"
                label={t('libraryNav.renameCollection')}
                initial={c.name}
                onCancel={() => setRenaming(null)}
                onSubmit={async (name) => {
                  if (await props.onRenameCollection(c.id, name)) setRenaming(null);
                }}
              />
            </li>
          ) : (
            <li key={c.id} className="lib-nav__row" data-testid="collection-item" data-collection-id={c.id}>
              <button type="button" className="lib-nav__item" aria-current={isCollection(scope, c.id) ? 'page' : undefined} onClick={() => props.onScope({ kind: 'collection', id: c.id })}>
                <span className="lib-nav__name bidi-isolate" dir="auto">
                  {c.name}
                </span>
                <span className="lib-nav__count">{c.count}</span>
              </button>
              {confirmDelete === c.id ? (
                <span className="lib-nav__confirm">
                  <button type="button" className="button button--danger button--small" data-testid="collection-delete-confirm" onClick={() => void props.onDeleteCollection(c.id).then(() => setConfirmDelete(null))}>
                    {t('libraryNav.delete')}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={() => setConfirmDelete(null)}>
                    {t('common.cancel')}
                  </button>
                </span>
              ) : (
                <span className="lib-nav__tools">
                  <button type="button" className="icon-button icon-button--small" data-testid="collection-rename" aria-label={t('libraryNav.rename', { name: c.name })} title={t('libraryNav.renameCollection')} onClick={() => setRenaming(c.id)}>
                    <svg viewBox="0 0 24 24" aria-hidden="true">
                      <path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4" />
                    </svg>
                  </button>
                  <button type="button" className="icon-button icon-button--small" data-testid="collection-delete" aria-label={t('libraryNav.deleteNamed', { name: c.name })} title={t('libraryNav.deleteCollection')} onClick={() => setConfirmDelete(c.id)}>
                    <svg viewBox="0 0 24 24" aria-hidden="true">
                      <path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13" />
                    </svg>
                  </button>
                </span>
              )}
            </li>
          ),
        )}
      </ul>

      <div className="lib-nav__section">
        <h2 className="lib-nav__heading">{t('libraryNav.searches')}</h2>
      </div>
      <ul className="lib-nav__list">
        {props.searches.length === 0 && <li className="lib-nav__empty muted">{t('libraryNav.noSearches')}</li>}
        {props.searches.map((s) => (
          <li key={s.id} className="lib-nav__row" data-testid="saved-search-item" data-search-id={s.id}>
            <button type="button" className="lib-nav__item" aria-current={activeSearchId === s.id ? 'page' : undefined} onClick={() => props.onOpenSearch(s)}>
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
    </nav>
  );
}

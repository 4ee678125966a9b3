import { useTranslation } from 'react-i18next';
import type { Collection, SavedSearch } from '../../../../shared/ipc/schemas/library.ts';
import type { Scope } from './query.ts';
import { CollectionList } from './CollectionList.tsx';
import { SavedSearchList } from './SavedSearchList.tsx';

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
  /** Folded away by the user (or by a narrow window): kept mounted, so a name being typed survives. */
  hidden: boolean;
}

/** All images, Favorites, Trash, then the user's collections and saved searches. */
export function LibraryNav(props: Props) {
  const { t } = useTranslation();
  const { scope, activeSearchId } = props;

  const fixed = [
    { kind: 'all', testId: 'lib-nav-all', label: t('libraryNav.all') },
    { kind: 'favorites', testId: 'lib-nav-favorites', label: t('libraryNav.favorites') },
    { kind: 'trash', testId: 'lib-nav-trash', label: t('libraryNav.trash') },
  ] as const;

  return (
    <nav id="library-nav" className="lib-nav" aria-label={t('libraryNav.label')} hidden={props.hidden}>
      <ul className="lib-nav__list">
        {fixed.map((f) => (
          <li key={f.kind}>
            <button
              type="button"
              className="nav-item lib-nav__item"
              data-testid={f.testId}
              aria-current={scope.kind === f.kind && activeSearchId === null ? 'page' : undefined}
              onClick={() => props.onScope({ kind: f.kind })}
            >
              {f.label}
            </button>
          </li>
        ))}
      </ul>

      <CollectionList
        scope={scope}
        onScope={props.onScope}
        collections={props.collections}
        onCreateCollection={props.onCreateCollection}
        onRenameCollection={props.onRenameCollection}
        onDeleteCollection={async (id) => {
          // Deleting the collection in view leaves for All images.
          const ok = await props.onDeleteCollection(id);
          if (ok && scope.kind === 'collection' && scope.id === id) props.onScope({ kind: 'all' });
          return ok;
        }}
      />
      <SavedSearchList activeSearchId={activeSearchId} searches={props.searches} onOpenSearch={props.onOpenSearch} onDeleteSearch={props.onDeleteSearch} />
    </nav>
  );
}

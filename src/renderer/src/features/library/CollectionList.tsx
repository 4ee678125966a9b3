import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { NameForm } from './NameForm.tsx';
import type { Scope } from './query.ts';

interface Props {
  scope: Scope;
  onScope: (scope: Scope) => void;
  collections: readonly Collection[];
  onCreateCollection: (name: string) => Promise<unknown>;
  onRenameCollection: (id: string, name: string) => Promise<boolean>;
  onDeleteCollection: (id: string) => Promise<boolean>;
}

const isCollection = (scope: Scope, id: string) => scope.kind === 'collection' && scope.id === id;

interface RowProps {
  collection: Collection;
  current: boolean;
  confirmingDelete: boolean;
  onOpen: () => void;
  onRename: () => void;
  onAskDelete: (asking: boolean) => void;
  onDelete: () => void;
}

/** One collection: open it; rename and delete tools, or the delete question in their place. */
function CollectionRow({ collection: c, current, confirmingDelete, onOpen, onRename, onAskDelete, onDelete }: RowProps) {
  const { t } = useTranslation();
  return (
    <li className="lib-nav__row" data-testid="collection-item" data-collection-id={c.id}>
      <button type="button" className="nav-item lib-nav__item" aria-current={current ? 'page' : undefined} onClick={onOpen}>
        <span className="lib-nav__name bidi-isolate" dir="auto">
          {c.name}
        </span>
        <span className="lib-nav__count">{c.count}</span>
      </button>
      {confirmingDelete ? (
        <span className="lib-nav__confirm">
          <button type="button" className="button button--danger button--small" data-testid="collection-delete-confirm" onClick={onDelete}>
            {t('libraryNav.delete')}
          </button>
          <button type="button" className="button button--ghost button--small" onClick={() => onAskDelete(false)}>
            {t('common.cancel')}
          </button>
        </span>
      ) : (
        <span className="lib-nav__tools">
          <button type="button" className="icon-button icon-button--small" data-testid="collection-rename" aria-label={t('libraryNav.rename', { name: c.name })} title={t('libraryNav.renameCollection')} onClick={onRename}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4" />
            </svg>
          </button>
          <button type="button" className="icon-button icon-button--small" data-testid="collection-delete" aria-label={t('libraryNav.deleteNamed', { name: c.name })} title={t('libraryNav.deleteCollection')} onClick={() => onAskDelete(true)}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13" />
            </svg>
          </button>
        </span>
      )}
    </li>
  );
}

/** The user's collections with their counts: open one, create, rename inline, delete after a confirmation. */
export function CollectionList(props: Props) {
  const { t } = useTranslation();
  const { scope } = props;
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  return (
    <>
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
            <CollectionRow
              key={c.id}
              collection={c}
              current={isCollection(scope, c.id)}
              confirmingDelete={confirmDelete === c.id}
              onOpen={() => props.onScope({ kind: 'collection', id: c.id })}
              onRename={() => setRenaming(c.id)}
              onAskDelete={(asking) => setConfirmDelete(asking ? c.id : null)}
              onDelete={() => void props.onDeleteCollection(c.id).then(() => setConfirmDelete(null))}
            />
          ),
        )}
      </ul>
    </>
  );
}

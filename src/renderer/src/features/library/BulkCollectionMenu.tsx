import { useTranslation } from 'react-i18next';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { Popover } from '../../ui/Popover.tsx';
import { NameForm } from './NameForm.tsx';
import type { Curation } from './useCuration.ts';

interface Props {
  ids: readonly string[];
  collections: readonly Collection[];
  curation: Curation;
  onNewCollection: (name: string) => Promise<Collection | null>;
}

/** "Add to collection": the user's collections, and a new one named on the spot that the selection goes into. */
export function BulkCollectionMenu({ ids, collections, curation, onNewCollection }: Props) {
  const { t } = useTranslation();
  return (
    <Popover testId="bulk-collection" label={t('bulk.addToCollection')}>
      {(close) => (
        <ul className="menu" role="menu">
          {collections.map((c) => (
            <li key={c.id} role="none">
              <button
                type="button"
                role="menuitem"
                className="menu__item bidi-isolate"
                dir="auto"
                data-testid="bulk-collection-option"
                onClick={() => void curation.addToCollection(c.id, ids).then((ok) => ok && close())}
              >
                {c.name}
              </button>
            </li>
          ))}
          <li role="none" className="menu__new">
            <NameForm
              testId="bulk-collection-new"
              label={t('bulk.newCollection')}
              initial=""
              onCancel={close}
              onSubmit={async (name) => {
                const created = await onNewCollection(name);
                if (created && (await curation.addToCollection(created.id, ids))) close();
              }}
            />
          </li>
        </ul>
      )}
    </Popover>
  );
}

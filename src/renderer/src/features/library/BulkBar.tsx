import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format.ts';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import type { Curation } from './useCuration.ts';
import type { TagCount } from './useTagList.ts';
import { NameForm } from './NameForm.tsx';
import { useIterateLauncher } from '../iterate/iterateLauncher.ts';
import { Popover } from '../../ui/Popover.tsx';
import { StarInput } from '../../ui/Stars.tsx';
import { TagEntry } from '../../ui/TagEntry.tsx';

interface Props {
  ids: readonly string[];
  /** Every selected image is a favourite already: the button then removes the mark. */
  allFavorite: boolean;
  /** The rating every selected image shares (0 when they differ or none is rated). */
  commonRating: number;
  inTrash: boolean;
  /** The collection being viewed, if any: offers "remove from this collection". */
  collectionId: string | null;
  collections: readonly Collection[];
  tags: readonly TagCount[];
  curation: Curation;
  onClear: () => void;
  onCompare: () => void;
  onExport: () => void;
  onNewCollection: (name: string) => Promise<Collection | null>;
  /** All results, when "Select all" had to stop at the most one action takes (10,000 of 99,086): said plainly. */
  of?: number | null;
}

/** Actions on the selection. It floats over the grid's bottom edge and exists only while something is selected. */
export function BulkBar(props: Props) {
  const { t, i18n } = useTranslation();
  const { ids, curation } = props;
  const n = ids.length;
  const launchIterate = useIterateLauncher();

  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')} data-testid="bulk-bar" data-count={n}>
      <span className="bulk-bar__count" data-testid="bulk-count">
        {props.of == null
          ? t('bulk.selected', { count: n, formatted: formatCount(n, i18n.language) })
          : t('bulk.selectedOf', { formatted: formatCount(n, i18n.language), total: formatCount(props.of, i18n.language) })}
      </span>
      {props.of != null && (
        <span className="bulk-bar__capped" data-testid="bulk-capped">
          {t('bulk.cappedNote', { formatted: formatCount(n, i18n.language) })}
        </span>
      )}
      <button type="button" className="icon-button icon-button--small" data-testid="bulk-clear" aria-label={t('bulk.clear')} title={t('bulk.clear')} onClick={props.onClear}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
      <span className="bulk-bar__divider" aria-hidden="true" />

      {props.inTrash ? (
        <>
          <button type="button" className="button button--primary button--small" data-testid="bulk-restore" onClick={() => void curation.restore(ids)}>
            {t('bulk.restore')}
          </button>
          <Popover testId="bulk-delete-forever" label={t('bulk.deleteForever')} buttonClass="button button--danger-ghost button--small">
            {(close) => (
              <div className="confirm" role="group" aria-labelledby="bulk-delete-forever-text">
                <p id="bulk-delete-forever-text">{t('bulk.deleteForeverText', { count: n, formatted: formatCount(n, i18n.language) })}</p>
                <div className="confirm__actions">
                  <button
                    type="button"
                    className="button button--danger button--small"
                    data-testid="bulk-delete-forever-confirm"
                    onClick={() => {
                      close();
                      void curation.deleteForever(ids);
                    }}
                  >
                    {t('trash.confirm')}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={close}>
                    {t('common.cancel')}
                  </button>
                </div>
              </div>
            )}
          </Popover>
        </>
      ) : (
        <>
          <button
            type="button"
            className={`fav-toggle fav-toggle--small${props.allFavorite ? ' fav-toggle--on' : ''}`}
            data-testid="bulk-favorite"
            aria-pressed={props.allFavorite}
            aria-label={props.allFavorite ? t('bulk.unfavorite') : t('bulk.favorite')}
            title={props.allFavorite ? t('bulk.unfavorite') : t('bulk.favorite')}
            onClick={() => void curation.setFavorite(ids, !props.allFavorite)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
            </svg>
          </button>

          <StarInput testId="bulk-rate" rating={props.commonRating} onRate={(r) => void curation.setRating(ids, r)} />
          <button type="button" className="icon-button icon-button--small" data-testid="bulk-rate-clear" aria-label={t('bulk.clearRating')} title={t('bulk.clearRating')} onClick={() => void curation.setRating(ids, 0)}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <circle cx="12" cy="12" r="8" />
              <path d="M6.5 17.5l11-11" />
            </svg>
          </button>

          <Popover testId="bulk-tag" label={t('bulk.tag')}>
            {(close) => (
              <TagEntry
                tags={props.tags}
                testId="bulk-tag-input"
                onAdd={async (tags) => {
                  const ok = await curation.addTags(ids, tags);
                  if (ok) close();
                  return ok;
                }}
              />
            )}
          </Popover>

          <Popover testId="bulk-collection" label={t('bulk.addToCollection')}>
            {(close) => (
              <ul className="menu" role="menu">
                {props.collections.map((c) => (
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
                      const created = await props.onNewCollection(name);
                      if (created && (await curation.addToCollection(created.id, ids))) close();
                    }}
                  />
                </li>
              </ul>
            )}
          </Popover>

          {props.collectionId && (
            <button type="button" className="button button--small" data-testid="bulk-uncollect" onClick={() => props.collectionId && void curation.removeFromCollection(props.collectionId, ids)}>
              {t('bulk.removeFromCollection')}
            </button>
          )}

          <button type="button" className="button button--small" data-testid="bulk-compare" disabled={n !== 2} title={t('bulk.compareHint')} onClick={props.onCompare}>
            {t('bulk.compare')}
          </button>
          <button type="button" className="button button--small" data-testid="bulk-combine" disabled={n < 2} title={t('bulk.combineHint')} onClick={() => launchIterate({ mode: 'combine', ids })}>
            {t('bulk.combine')}
          </button>
          <button type="button" className="button button--small" data-testid="bulk-export" onClick={props.onExport}>
            {t('bulk.export')}
          </button>
          <button type="button" className="button button--danger-ghost button--small" data-testid="bulk-trash" title={t('bulk.trashHint')} onClick={() => void curation.trash(ids)}>
            {t('bulk.trash')}
          </button>
        </>
      )}
    </div>
  );
}

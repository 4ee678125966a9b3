import { useTranslation } from 'react-i18next';
import type { Collection, ImportPick } from '../../../../shared/ipc/schemas/library.ts';
import { MAX_BULK } from './useImageSearch.ts';
import type { Scope } from './query.ts';

interface Props {
  scope: Scope;
  savedSearchName: string | null;
  collections: readonly Collection[];
  selectingAll: boolean;
  canSelectAll: boolean;
  total: number | null;
  onSelectAll: () => void;
  onImport: (pick: ImportPick) => void;
  importBusy: boolean;
}

/** Where the user is (All images, a collection, a saved search…), with Select all and Import. */
export function LibraryHeader(props: Props) {
  const { t, i18n } = useTranslation();
  const { scope } = props;
  const collectionName = scope.kind === 'collection' ? (props.collections.find((c) => c.id === scope.id)?.name ?? '') : '';
  const title = props.savedSearchName ?? (scope.kind === 'collection' ? collectionName : t(`libraryNav.${scope.kind}`));

  return (
    <header className="library__header">
      <div className="library__heading">
        <h1 id="library-title" className="view__title bidi-isolate" dir="auto" data-testid="library-title">
          {title}
        </h1>
        <span className="library__count muted" data-testid="result-count" role="status" data-count={props.total ?? ''}>
          {props.total === null ? '' : t('library.resultCount', { count: props.total, formatted: new Intl.NumberFormat(i18n.language).format(props.total) })}
        </span>
      </div>
      <div className="library__header-actions">
        <button
          type="button"
          className="button button--ghost button--small"
          data-testid="select-all"
          disabled={!props.canSelectAll || props.selectingAll}
          title={props.total !== null && props.total > MAX_BULK ? t('library.selectAllCapped', { max: MAX_BULK }) : t('library.selectAllHint')}
          onClick={props.onSelectAll}
        >
          {props.selectingAll ? t('library.selectingAll') : t('library.selectAll')}
        </button>
        <div className="button-group" role="group" aria-label={t('library.import')}>
          <button type="button" className="button button--small" data-testid="import-files-button" disabled={props.importBusy} title={t('library.importFilesHint')} onClick={() => props.onImport('files')}>
            <svg className="button__icon" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M12 4v11M7 10l5 5 5-5M5 19h14" />
            </svg>
            {t('library.importFiles')}
          </button>
          <button type="button" className="button button--small" data-testid="import-folder-button" disabled={props.importBusy} title={t('library.importFolderHint')} onClick={() => props.onImport('folder')}>
            {t('library.importFolder')}
          </button>
        </div>
      </div>
    </header>
  );
}

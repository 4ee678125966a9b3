import { useTranslation } from 'react-i18next';
import type { Collection, ImportPick } from '../../../../shared/ipc/schemas/library.ts';
import { MAX_BULK } from './useImageSearch.ts';
import type { Scope } from './query.ts';
import { numberFormat } from '../../lib/format.ts';

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
  /** The library's own nav (All images, Trash, collections…) is folded away; the button beside the title brings it back. */
  navCollapsed: boolean;
  onToggleNav: () => void;
}

/**
 * Where the user is (All images, a collection, a saved search…), with Select all and Import (not in the trash: what
 * is imported lands in the library, not there). In a narrow window the actions wrap under the title as one group, and
 * a long title is cut with an ellipsis before the count is.
 */
export function LibraryHeader(props: Props) {
  const { t, i18n } = useTranslation();
  const { scope } = props;
  const collectionName = scope.kind === 'collection' ? (props.collections.find((c) => c.id === scope.id)?.name ?? '') : '';
  const title = props.savedSearchName ?? (scope.kind === 'collection' ? collectionName : t(`libraryNav.${scope.kind}`));

  return (
    <header className="library__header">
      <div className="library__heading">
        <button
          type="button"
          className="icon-button icon-button--small library__nav-toggle"
          data-testid="lib-nav-toggle"
          aria-expanded={!props.navCollapsed}
          aria-controls="library-nav"
          aria-label={props.navCollapsed ? t('libraryNav.show') : t('libraryNav.hide')}
          title={props.navCollapsed ? t('libraryNav.show') : t('libraryNav.hide')}
          onClick={props.onToggleNav}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
            <path d="M9 4.5v15M5.5 8.5h1.5M5.5 11.5h1.5" />
          </svg>
        </button>
        <h1 id="library-title" className="view__title bidi-isolate" dir="auto" data-testid="library-title">
          {title}
        </h1>
        <span className="library__count muted" data-testid="result-count" role="status" data-count={props.total ?? ''}>
          {props.total === null ? '' : t('library.resultCount', { count: props.total, formatted: numberFormat(i18n.language).format(props.total) })}
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
        <div className="button-group" role="group" aria-label={t('library.import')} hidden={scope.kind === 'trash'}>
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

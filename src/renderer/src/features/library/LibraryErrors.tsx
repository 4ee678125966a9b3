import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

interface Props {
  searchError: ApiError | null;
  onRetrySearch: () => void;
  /** A failed rating, tag or trash action (null while the viewer shows its own). */
  actionError: ApiError | null;
  onDismissAction: () => void;
  savedSearchError: ApiError | null;
  collectionsError: ApiError | null;
}

/** What went wrong above the grid: the search (with a retry), an action on the selection, saved searches, collections. */
export function LibraryErrors(props: Props) {
  const { t } = useTranslation();
  return (
    <>
      {props.searchError && (
        <div className="library__error">
          <ErrorMessage error={props.searchError} testId="library-error" />
          <button type="button" className="button button--small" onClick={props.onRetrySearch}>
            {t('library.retry')}
          </button>
        </div>
      )}
      {props.actionError && <ErrorMessage error={props.actionError} compact testId="library-action-error" onDismiss={props.onDismissAction} />}
      {props.savedSearchError && <ErrorMessage error={props.savedSearchError} compact testId="saved-search-error" />}
      {props.collectionsError && <ErrorMessage error={props.collectionsError} compact testId="collections-error" />}
    </>
  );
}

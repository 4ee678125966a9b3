import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format.ts';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import type { Curation } from './useCuration.ts';
import { MAX_BULK } from './useImageSearch.ts';
import type { TagCount } from './useTagList.ts';
import { useIterateLauncher } from '../iterate/iterateLauncher.ts';
import { BulkCollectionMenu } from './BulkCollectionMenu.tsx';
import { BulkMarks } from './BulkMarks.tsx';
import { BulkTrashActions } from './BulkTrashActions.tsx';

interface Props {
  /** The selected images, and their ids (in the same order). */
  selected: readonly ImageSummary[];
  ids: readonly string[];
  /** All results (images.count), null while unknown. */
  total: number | null;
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
}

/** Actions on the selection. It floats over the grid's bottom edge and exists only while something is selected. */
export function BulkBar(props: Props) {
  const { t } = useTranslation();
  const { ids, curation, total } = props;
  // "Select all" stopped at the most one action takes (10,000 of 99,086): said plainly.
  const capped = total !== null && total > MAX_BULK && ids.length >= MAX_BULK;
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')} data-testid="bulk-bar" data-count={ids.length}>
      <BulkCount n={ids.length} of={capped ? total : null} onClear={props.onClear} />
      <span className="bulk-bar__divider" aria-hidden="true" />
      {props.inTrash ? <BulkTrashActions ids={ids} curation={curation} /> : <BulkActions {...props} />}
    </div>
  );
}

/** How many are selected (of how many, when capped), and the button that clears the selection. */
function BulkCount({ n, of, onClear }: { n: number; of: number | null; onClear: () => void }) {
  const { t, i18n } = useTranslation();
  const formatted = formatCount(n, i18n.language);
  return (
    <>
      <span className="bulk-bar__count" data-testid="bulk-count">
        {of === null ? t('bulk.selected', { count: n, formatted }) : t('bulk.selectedOf', { formatted, total: formatCount(of, i18n.language) })}
      </span>
      {of !== null && (
        <span className="bulk-bar__capped" data-testid="bulk-capped">
          {t('bulk.cappedNote', { formatted })}
        </span>
      )}
      <button type="button" className="icon-button icon-button--small" data-testid="bulk-clear" aria-label={t('bulk.clear')} title={t('bulk.clear')} onClick={onClear}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </>
  );
}

/** Outside the trash: marks, collections, compare, combine, export, and the move to the trash. */
function BulkActions(props: Props) {
  const { t } = useTranslation();
  const { ids, selected, curation, collectionId } = props;
  const n = ids.length;
  // The marks as the selection shares them: all favourites already, one rating (0 when they differ or none is rated).
  const allFavorite = selected.every((i) => i.favorite);
  const commonRating = selected.every((i) => i.rating === selected[0]?.rating) ? (selected[0]?.rating ?? 0) : 0;
  const launchIterate = useIterateLauncher();
  return (
    <>
      <BulkMarks ids={ids} allFavorite={allFavorite} commonRating={commonRating} tags={props.tags} curation={curation} />
      <BulkCollectionMenu ids={ids} collections={props.collections} curation={curation} onNewCollection={props.onNewCollection} />
      {collectionId && (
        <button type="button" className="button button--small" data-testid="bulk-uncollect" onClick={() => void curation.removeFromCollection(collectionId, ids)}>
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
  );
}

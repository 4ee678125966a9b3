import { useTranslation } from 'react-i18next';
import { Popover } from '../../ui/Popover.tsx';
import { StarInput } from '../../ui/Stars.tsx';
import { TagEntry } from '../../ui/TagEntry.tsx';
import type { Curation } from './useCuration.ts';
import type { TagCount } from './useTagList.ts';

interface Props {
  ids: readonly string[];
  /** Every selected image is a favourite already: the button then removes the mark. */
  allFavorite: boolean;
  /** The rating every selected image shares (0 when they differ or none is rated). */
  commonRating: number;
  tags: readonly TagCount[];
  curation: Curation;
}

/** The marks a selection can be given at once: favourite, a rating (or none), tags. */
export function BulkMarks({ ids, allFavorite, commonRating, tags, curation }: Props) {
  const { t } = useTranslation();
  const favoriteLabel = allFavorite ? t('bulk.unfavorite') : t('bulk.favorite');
  return (
    <>
      <button
        type="button"
        className={`fav-toggle fav-toggle--small${allFavorite ? ' fav-toggle--on' : ''}`}
        data-testid="bulk-favorite"
        aria-pressed={allFavorite}
        aria-label={favoriteLabel}
        title={favoriteLabel}
        onClick={() => void curation.setFavorite(ids, !allFavorite)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
        </svg>
      </button>

      <StarInput testId="bulk-rate" rating={commonRating} onRate={(r) => void curation.setRating(ids, r)} />
      <button type="button" className="icon-button icon-button--small" data-testid="bulk-rate-clear" aria-label={t('bulk.clearRating')} title={t('bulk.clearRating')} onClick={() => void curation.setRating(ids, 0)}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="8" />
          <path d="M6.5 17.5l11-11" />
        </svg>
      </button>

      <Popover testId="bulk-tag" label={t('bulk.tag')}>
        {(close) => (
          <TagEntry
            tags={tags}
            testId="bulk-tag-input"
            onAdd={async (added) => {
              const ok = await curation.addTags(ids, added);
              if (ok) close();
              return ok;
            }}
          />
        )}
      </Popover>
    </>
  );
}

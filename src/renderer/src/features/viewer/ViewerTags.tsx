import { useTranslation } from 'react-i18next';
import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import type { Curation } from '../library/useCuration.ts';
import type { TagCount } from '../library/useTagList.ts';
import { TagEntry } from '../../ui/TagEntry.tsx';

interface Props {
  detail: ImageDetail | null;
  tags: readonly TagCount[];
  collections: readonly Collection[];
  curation: Curation;
  /** Ask for the detail again once main has changed it. */
  onChanged: () => void;
}

/** Tags and collections of the open image, editable in place. */
export function ViewerTags({ detail, tags, collections, curation, onChanged }: Props) {
  const { t } = useTranslation();
  if (!detail) return null;
  const id = detail.id;
  const inCollections = new Set(detail.collections.map((c) => c.id));
  const addable = collections.filter((c) => !inCollections.has(c.id));

  return (
    <>
      <h2 className="viewer__heading">{t('viewer.tags')}</h2>
      <div className="chips" data-testid="viewer-tags">
        {detail.tags.length === 0 && <span className="muted chips__empty">{t('viewer.noTags')}</span>}
        {detail.tags.map((tag) => (
          <span key={tag} className="chip" data-testid="viewer-tag" data-tag={tag}>
            <span className="bidi-isolate" dir="auto">
              {tag}
            </span>
            <button
              type="button"
              className="chip__remove"
              data-testid="viewer-tag-remove"
              aria-label={t('viewer.removeTag', { tag })}
              onClick={() => void curation.removeTags([id], [tag]).then((ok) => ok && onChanged())}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      <TagEntry tags={tags} testId="viewer-tag-input" onAdd={async (added) => {
        const ok = await curation.addTags([id], added);
        if (ok) onChanged();
        return ok;
      }} />

      <h2 className="viewer__heading">{t('viewer.collections')}</h2>
      <div className="chips" data-testid="viewer-collections">
        {detail.collections.length === 0 && <span className="muted chips__empty">{t('viewer.noCollections')}</span>}
        {detail.collections.map((c) => (
          <span key={c.id} className="chip chip--collection" data-testid="viewer-collection" data-collection-id={c.id}>
            <span className="bidi-isolate" dir="auto">
              {c.name}
            </span>
            <button
              type="button"
              className="chip__remove"
              aria-label={t('viewer.removeFromCollection', { name: c.name })}
              onClick={() => void curation.removeFromCollection(c.id, [id]).then((ok) => ok && onChanged())}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      {addable.length > 0 && (
        <select
          className="select select--compact"
          data-testid="viewer-add-collection"
          aria-label={t('viewer.addToCollection')}
          value=""
          onChange={(e) => {
            const target = e.target.value;
            if (target) void curation.addToCollection(target, [id]).then((ok) => ok && onChanged());
          }}
        >
          <option value="">{t('viewer.addToCollection')}</option>
          {addable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </>
  );
}

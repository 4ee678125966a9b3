import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import { useLineage, type Lineage } from './useLineage.ts';

interface Props {
  id: string;
  /** Opens another image of the family in the viewer. */
  onNavigate: (id: string) => void;
  /** Before/after with the image this one was made from; absent when that image is not in the library. */
  onCompareWithOriginal?: (() => void) | undefined;
}

type Parent = Lineage['parents'][number];

function ParentItem({ parent, onNavigate }: { parent: Parent; onNavigate: (id: string) => void }) {
  const { t } = useTranslation();
  const role = t(`iterate.role.${parent.role}`);
  const { id } = parent;
  if (id === null || parent.state === 'deleted') {
    // What it was made from is still told by its hash, even when that image is gone.
    const gone = id === null ? t('iterate.parentOutside') : t('iterate.parentDeleted');
    return (
      <li className="lineage__gone" data-testid="lineage-parent-gone">
        {role}: {gone} <code className="lineage__hash">sha256 {parent.sha256.slice(0, 12)}…</code>
      </li>
    );
  }
  return (
    <li>
      <button type="button" className="button button--small lineage__item" data-testid="lineage-parent" data-image-id={id} onClick={() => onNavigate(id)}>
        <img className="lineage__thumb" src={mediaUrl('thumb', id)} alt="" />
        <span>
          {role}
          {parent.state === 'trashed' ? ` · ${t('iterate.inTrash')}` : ''}
        </span>
      </button>
    </li>
  );
}

/** "Made from" (the parents, in order, with their roles) and "Versions" (what was made from this image). */
export function LineagePanel({ id, onNavigate, onCompareWithOriginal }: Props) {
  const { t } = useTranslation();
  const lineage = useLineage(id);
  if (!lineage || (lineage.parents.length === 0 && lineage.children.length === 0)) return null;
  return (
    <section className="lineage" data-testid="lineage">
      {lineage.parents.length > 0 && (
        <>
          <h3 className="viewer__heading">{t(`iterate.madeBy.${lineage.operation ?? 'edit'}`)}</h3>
          <ul className="lineage__list" data-testid="lineage-parents">
            {lineage.parents.map((parent, i) => (
              <ParentItem key={`${i}-${parent.sha256}`} parent={parent} onNavigate={onNavigate} />
            ))}
          </ul>
          {onCompareWithOriginal && (
            <button type="button" className="button button--small" data-testid="compare-with-original" onClick={onCompareWithOriginal}>
              {t('family.compareWithOriginal')}
            </button>
          )}
        </>
      )}
      {lineage.children.length > 0 && (
        <>
          <h3 className="viewer__heading">{t('iterate.versions')}</h3>
          <ul className="lineage__list" data-testid="lineage-children">
            {lineage.children.map((child) => (
              <li key={child}>
                <button type="button" className="button button--small lineage__item" data-testid="lineage-child" data-image-id={child} onClick={() => onNavigate(child)}>
                  <img className="lineage__thumb" src={mediaUrl('thumb', child)} alt={t('iterate.openVersion')} />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

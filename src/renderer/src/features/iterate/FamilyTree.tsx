import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { Family, FamilyNode } from './useFamily.ts';

interface Props {
  family: Family;
  /** The image the viewer shows: marked in the tree. */
  activeId: string;
  /** Opens another member (it may be outside the library's current results, or in the trash). */
  onNavigate: (id: string) => void;
}

const childrenOf = (nodes: readonly FamilyNode[]): Map<string | null, FamilyNode[]> => {
  const map = new Map<string | null, FamilyNode[]>();
  for (const node of nodes) map.set(node.parentId, [...(map.get(node.parentId) ?? []), node]);
  return map;
};

function Branch({ node, versionsOf, activeId, onNavigate }: { node: FamilyNode; versionsOf: Map<string | null, FamilyNode[]>; activeId: string; onNavigate: Props['onNavigate'] }) {
  const { t } = useTranslation();
  const { image } = node;
  const active = image.id === activeId;
  const what = node.parentId === null ? t('family.original') : t(`family.op.${node.operation ?? 'edit'}`);
  const versions = versionsOf.get(image.id) ?? [];
  return (
    <li className="family__node">
      <button
        type="button"
        className={`family__item${active ? ' family__item--active' : ''}`}
        data-testid="family-node"
        data-image-id={image.id}
        data-generation={node.generation}
        aria-current={active ? 'true' : undefined}
        title={image.prompt}
        onClick={() => onNavigate(image.id)}
      >
        <img className="family__thumb" src={mediaUrl('thumb', image.id)} alt="" />
        <span className="family__label">
          {what}
          {image.trashedAt !== null && <span className="muted"> · {t('iterate.inTrash')}</span>}
          {active && <span className="visually-hidden"> · {t('family.current')}</span>}
        </span>
      </button>
      {versions.length > 0 && (
        <ul className="family__list">
          {versions.map((child) => (
            <Branch key={child.image.id} node={child} versionsOf={versionsOf} activeId={activeId} onNavigate={onNavigate} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The whole family as a small tree: the original at the top, each version under what it was made from. */
export function FamilyTree({ family, activeId, onNavigate }: Props) {
  const { t } = useTranslation();
  if (family.nodes.length < 2) return null;
  const versionsOf = childrenOf(family.nodes);
  return (
    <nav className="family" aria-label={t('family.treeLabel')} data-testid="family-tree">
      <h3 className="viewer__heading">{t('family.tree', { count: family.nodes.length })}</h3>
      <ul className="family__list family__list--root">
        {(versionsOf.get(null) ?? []).map((root) => (
          <Branch key={root.image.id} node={root} versionsOf={versionsOf} activeId={activeId} onNavigate={onNavigate} />
        ))}
      </ul>
      {family.truncated && <p className="muted">{t('family.truncated', { count: family.nodes.length })}</p>}
    </nav>
  );
}

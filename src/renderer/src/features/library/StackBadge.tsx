import { type MouseEvent, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { FamilyStacksContext } from './useFamilyStacks.ts';

const stop = (e: MouseEvent) => e.stopPropagation();

/**
 * The count on a tile that leads a family stack; a click expands the stack in place (or folds it). Not a button: the
 * tile is an option of a listbox, which may not hold controls; the keyboard has S on the cursor's tile instead.
 */
export function StackBadge({ id }: { id: string }) {
  const { stacks, toggle } = useContext(FamilyStacksContext);
  const stack = stacks.get(id);
  // Most tiles lead no stack: they return here, before a translation hook costs them anything as a scroll mounts them.
  return stack ? <ShownStackBadge id={id} count={stack.count} expanded={stack.expanded} toggle={toggle} /> : null;
}

function ShownStackBadge({ id, count, expanded, toggle }: { id: string; count: number; expanded: boolean; toggle: (id: string) => void }) {
  const { t } = useTranslation();
  const label = t(expanded ? 'family.collapse' : 'family.expand', { count });
  return (
    <span
      className={`stack-badge${expanded ? ' stack-badge--open' : ''}`}
      data-testid="stack-badge"
      data-count={count}
      data-expanded={expanded}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        toggle(id);
      }}
      onDoubleClick={stop}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M7 4h12v12M4 8h12v12H4z" />
      </svg>
      {t('family.stackCount', { count })}
    </span>
  );
}

/** The library toolbar's switch for stacking families (off by default, remembered). */
export function StackToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={`button button--small${on ? ' button--active' : ''}`} data-testid="stack-toggle" aria-pressed={on} title={t('family.stackHint')} onClick={() => onChange(!on)}>
      {t('family.stack')}
    </button>
  );
}

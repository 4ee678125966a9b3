import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountStatus as Account } from '../../../shared/ipc/schemas/catalog.ts';
import { AccountStatus } from './AccountStatus.tsx';
import { VIEWS, type View } from './views.ts';

const ICONS: Record<View, ReactNode> = {
  generate: <path d="M12 3l1.8 4.7L18.5 9.5l-4.7 1.8L12 16l-1.8-4.7L5.5 9.5l4.7-1.8zM18 15l.9 2.1L21 18l-2.1.9L18 21l-.9-2.1L15 18l2.1-.9z" />,
  library: (
    <>
      <rect x="3" y="3" width="7.5" height="7.5" rx="1.5" />
      <rect x="13.5" y="3" width="7.5" height="7.5" rx="1.5" />
      <rect x="3" y="13.5" width="7.5" height="7.5" rx="1.5" />
      <rect x="13.5" y="13.5" width="7.5" height="7.5" rx="1.5" />
    </>
  ),
  settings: (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1" />
    </>
  ),
};

interface Props {
  current: View;
  onSelect: (view: View) => void;
  account: Account | null;
  /** Folded to a rail of icons (the labels stay as the buttons' names and tooltips). */
  collapsed: boolean;
  onToggle: () => void;
}

export function Sidebar({ current, onSelect, account, collapsed, onToggle }: Props) {
  const { t } = useTranslation();
  return (
    <nav className={`sidebar${collapsed ? ' sidebar--collapsed' : ''}`} aria-label={t('nav.label')} data-testid="sidebar" data-collapsed={collapsed}>
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true" />
        <span className="sidebar__name">{t('app.title')}</span>
      </div>
      <ul className="sidebar__list">
        {VIEWS.map((view) => (
          <li key={view}>
            <button
              type="button"
              className="nav-item sidebar__item"
              data-testid={`nav-${view}`}
              aria-current={current === view ? 'page' : undefined}
              title={collapsed ? t(`nav.${view}`) : undefined}
              onClick={() => onSelect(view)}
            >
              <svg className="sidebar__icon" viewBox="0 0 24 24" aria-hidden="true">
                {ICONS[view]}
              </svg>
              <span className="sidebar__label">{t(`nav.${view}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar__footer">
        <AccountStatus account={account} compact={collapsed} />
        {!collapsed && <p className="muted">{t('app.tagline')}</p>}
        <button
          type="button"
          className="icon-button icon-button--small sidebar__toggle"
          data-testid="sidebar-toggle"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
          title={collapsed ? t('nav.expand') : t('nav.collapse')}
          onClick={onToggle}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
            <path d={collapsed ? 'M9 4.5v15M13 9.5l2.5 2.5-2.5 2.5' : 'M9 4.5v15M16 9.5L13.5 12l2.5 2.5'} />
          </svg>
        </button>
      </div>
    </nav>
  );
}

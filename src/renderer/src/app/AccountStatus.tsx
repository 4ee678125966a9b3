import { useTranslation } from 'react-i18next';
import type { AccountStatus as Account } from '../../../shared/ipc/schemas/catalog.ts';
import { formatBalanceUsd, formatDiem, formatUsd } from '../lib/format.ts';

/** The sidebar footer: what is left on the Venice account, what today cost, and whether Venice is reachable. */
export function AccountStatus({ account }: { account: Account | null }) {
  const { t, i18n } = useTranslation();
  if (!account) return null;
  const lng = i18n.language;
  const known = account.balanceUsd !== null || account.balanceDiem !== null;
  const asOf = account.balanceAt === null ? null : new Intl.DateTimeFormat(lng, { dateStyle: 'short', timeStyle: 'short' }).format(account.balanceAt);

  return (
    <div className="account" data-testid="account-status">
      {!account.online && (
        <p className="account__offline" data-testid="offline-indicator" role="status">
          <span className="account__offline-dot" aria-hidden="true" />
          <span>
            <span className="account__offline-title">{t('account.offline')}</span>
            <span className="account__offline-hint">{t('account.offlineHint')}</span>
          </span>
        </p>
      )}
      <dl className="account__figures">
        <dt>{t('account.balance')}</dt>
        <dd data-testid="balance" className={known ? undefined : 'account__unknown'} title={asOf ? t('account.balanceAsOf', { date: asOf }) : undefined}>
          {known ? (
            <>
              {account.balanceUsd !== null && <span>{formatBalanceUsd(account.balanceUsd, lng)}</span>}{' '}
              {account.balanceDiem !== null && <span className="account__diem">{t('account.diem', { amount: formatDiem(account.balanceDiem, lng) })}</span>}
            </>
          ) : (
            <span className="muted">{t('account.balanceUnknown')}</span>
          )}
        </dd>
        <dt>{t('account.spentToday')}</dt>
        <dd data-testid="spend-today">{formatUsd(account.spentTodayUsd, lng)}</dd>
      </dl>
    </div>
  );
}
